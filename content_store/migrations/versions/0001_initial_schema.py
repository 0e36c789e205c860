"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 19:18:18.484792
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('api_keys',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key_hash'),
    sa.UniqueConstraint('key_id')
    )
    op.create_table('assets',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('external_id', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('personas', sa.JSON(), nullable=False),
    sa.Column('stages', sa.JSON(), nullable=False),
    sa.Column('industries', sa.JSON(), nullable=False),
    sa.Column('objections', sa.JSON(), nullable=False),
    sa.Column('products', sa.JSON(), nullable=False),
    sa.Column('usage_notes', sa.Text(), nullable=False),
    sa.Column('published_at', sa.Date(), nullable=True),
    sa.Column('expires_at', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('external_id')
    )
    with op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assets_generation'), ['generation'], unique=False)
        batch_op.create_index(batch_op.f('ix_assets_status'), ['status'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('request_id', sa.String(length=40), nullable=True),
    sa.Column('external_id', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('opportunity_id', sa.String(length=200), nullable=True),
    sa.Column('rep_id', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_external_id'), ['external_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_opportunity_id'), ['opportunity_id'], unique=False)

    op.create_table('objection_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('request_id', sa.String(length=40), nullable=True),
    sa.Column('industry', sa.String(length=200), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('persona_id', sa.String(length=64), nullable=True),
    sa.Column('stage', sa.String(length=20), nullable=True),
    sa.Column('opportunity_id', sa.String(length=200), nullable=True),
    sa.Column('rep_id', sa.String(length=200), nullable=True),
    sa.Column('logged_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('embedding', sa.LargeBinary(), nullable=True),
    sa.Column('best_external_id', sa.String(length=200), nullable=True),
    sa.Column('best_confidence', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('objection_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objection_log_logged_at'), ['logged_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_objection_log_request_id'), ['request_id'], unique=False)

    op.create_table('outcomes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('opportunity_id', sa.String(length=200), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.Float(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcomes_opportunity_id'), ['opportunity_id'], unique=False)

    op.create_table('personas',
    sa.Column('persona_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('example_titles', sa.JSON(), nullable=False),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('persona_id')
    )
    op.create_table('recommendation_log',
    sa.Column('request_id', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('prospect', sa.JSON(), nullable=False),
    sa.Column('persona_id', sa.String(length=64), nullable=True),
    sa.Column('stage', sa.String(length=20), nullable=True),
    sa.Column('results', sa.JSON(), nullable=False),
    sa.Column('opportunity_id', sa.String(length=200), nullable=True),
    sa.Column('rep_id', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('request_id')
    )
    with op.batch_alter_table('recommendation_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_log_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_log_opportunity_id'), ['opportunity_id'], unique=False)

    op.create_table('store_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.bulk_insert(
        sa.table('store_meta', sa.column('key', sa.String), sa.column('value', sa.Integer)),
        [{'key': 'generation', 'value': 0}],
    )
    op.create_table('asset_tags',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('asset_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_asset_tags_asset_id'), ['asset_id'], unique=False)
        batch_op.create_index('ix_asset_tags_kind_value', ['kind', 'value'], unique=False)

    op.create_table('asset_versions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('asset_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_asset_versions_asset_id'), ['asset_id'], unique=False)

    op.create_table('chunks',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('embedding', sa.LargeBinary(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('chunks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chunks_asset_id'), ['asset_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('chunks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chunks_asset_id'))

    op.drop_table('chunks')
    with op.batch_alter_table('asset_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_asset_versions_asset_id'))

    op.drop_table('asset_versions')
    with op.batch_alter_table('asset_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_asset_tags_kind_value')
        batch_op.drop_index(batch_op.f('ix_asset_tags_asset_id'))

    op.drop_table('asset_tags')
    op.drop_table('store_meta')
    with op.batch_alter_table('recommendation_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_log_opportunity_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_log_created_at'))

    op.drop_table('recommendation_log')
    op.drop_table('personas')
    with op.batch_alter_table('outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcomes_opportunity_id'))

    op.drop_table('outcomes')
    with op.batch_alter_table('objection_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objection_log_request_id'))
        batch_op.drop_index(batch_op.f('ix_objection_log_logged_at'))

    op.drop_table('objection_log')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_opportunity_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_external_id'))

    op.drop_table('feedback')
    with op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assets_status'))
        batch_op.drop_index(batch_op.f('ix_assets_generation'))

    op.drop_table('assets')
    op.drop_table('api_keys')
