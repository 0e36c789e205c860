"""Data access for assets, their chunks, tags and versions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session, selectinload

from content_store import generation
from content_store.models import Asset, AssetTag, AssetVersion, Chunk, utcnow

ASSET_FIELDS = (
    "title",
    "summary",
    "body",
    "url",
    "content_type",
    "personas",
    "stages",
    "industries",
    "objections",
    "products",
    "usage_notes",
    "published_at",
    "expires_at",
    "status",
    "source",
)
TAG_KINDS = ("personas", "stages", "industries")


@dataclass(frozen=True)
class NewChunk:
    """A chunk to store: text, kind, position, content hash and float32 vector bytes."""

    ordinal: int
    kind: str
    text: str
    content_hash: str
    embedding: bytes
    page: int | None = None


def tag_value(value: str) -> str:
    """The normalized form a tag is filtered by (case and spacing folded)."""
    return " ".join(value.lower().split())


def get(*, session: Session, external_id: str, include_deleted: bool = False) -> Asset | None:
    """The asset with this external id, or None (deleted ones only on request)."""
    asset = session.scalar(select(Asset).where(Asset.external_id == external_id))
    if asset is None or (asset.deleted_at is not None and not include_deleted):
        return None
    return asset


def chunk_embeddings(*, session: Session, asset_id: int) -> dict[str, bytes]:
    """Existing vectors of an asset's chunks keyed by content hash (to skip re-embedding)."""
    rows = session.execute(select(Chunk.content_hash, Chunk.embedding).where(Chunk.asset_id == asset_id))
    return {content_hash: embedding for content_hash, embedding in rows}


def snapshot(asset: Asset) -> dict[str, Any]:
    """The asset's fields as JSON-ready data (dates as ISO strings)."""
    data: dict[str, Any] = {field: getattr(asset, field) for field in ASSET_FIELDS}
    for field in ("published_at", "expires_at"):
        data[field] = data[field].isoformat() if data[field] else None
    data.update(external_id=asset.external_id, version=asset.version, content_hash=asset.content_hash)
    return data


def upsert(
    *,
    session: Session,
    external_id: str,
    fields: dict[str, Any],
    content_hash: str,
    chunks: Sequence[NewChunk],
) -> tuple[Asset, bool]:
    """Create or replace an asset with its chunks; return it and whether it is new.

    An unchanged asset (same content hash, not deleted) is left as it is. A
    changed one keeps its previous version in ``asset_versions``. The generation
    row is locked first, so concurrent writers of one asset run one after the
    other and each sees the other's committed version: no update is lost.
    """
    new_generation = generation.advance(session=session)
    asset = get(session=session, external_id=external_id, include_deleted=True)
    created = asset is None or asset.deleted_at is not None
    if asset is not None and asset.deleted_at is None and asset.content_hash == content_hash:
        return asset, False
    now = utcnow()
    if asset is None:
        asset = Asset(external_id=external_id, version=1, created_at=now)
        session.add(asset)
    else:
        if asset.deleted_at is None:
            session.add(AssetVersion(asset_id=asset.id, version=asset.version, snapshot=snapshot(asset)))
        asset.version += 1
        asset.deleted_at = None
    for field in ASSET_FIELDS:
        setattr(asset, field, fields[field])
    asset.content_hash = content_hash
    asset.updated_at = now
    asset.generation = new_generation
    asset.chunks = [
        Chunk(
            ordinal=c.ordinal,
            kind=c.kind,
            text=c.text,
            content_hash=c.content_hash,
            embedding=c.embedding,
            page=c.page,
        )
        for c in chunks
    ]
    asset.tags = [
        AssetTag(kind=kind, value=tag_value(value)) for kind in TAG_KINDS for value in dict.fromkeys(fields[kind])
    ]
    session.flush()
    return asset, created


def delete(*, session: Session, external_id: str) -> bool:
    """Soft-delete an asset (its row stays as a tombstone for index sync); False if absent."""
    new_generation = generation.advance(session=session)
    asset = get(session=session, external_id=external_id)
    if asset is None:
        return False
    session.add(AssetVersion(asset_id=asset.id, version=asset.version, snapshot=snapshot(asset)))
    asset.deleted_at = utcnow()
    asset.generation = new_generation
    asset.chunks = []
    asset.tags = []
    session.flush()
    return True


def list_(
    *,
    session: Session,
    tags: dict[str, str],
    content_type: str | None = None,
    status: str | None = None,
    after_id: int = 0,
    limit: int = 50,
) -> list[Asset]:
    """A page of live assets ordered by id, filtered by tag values, type and status."""
    query: Select[Asset] = select(Asset).where(Asset.deleted_at.is_(None), Asset.id > after_id)
    for kind, value in tags.items():
        if kind not in TAG_KINDS:
            raise ValueError(f"unknown tag kind {kind!r}; expected one of {TAG_KINDS}")
        query = query.where(
            Asset.id.in_(
                select(AssetTag.asset_id).where(and_(AssetTag.kind == kind, AssetTag.value == tag_value(value)))
            )
        )
    if content_type:
        query = query.where(Asset.content_type == content_type)
    if status:
        query = query.where(Asset.status == status)
    return list(session.scalars(query.order_by(Asset.id).limit(limit)))


def changed_since(*, session: Session, since: int) -> list[Asset]:
    """Assets (tombstones included) written after generation ``since``, with their chunks."""
    query = select(Asset).where(Asset.generation > since).options(selectinload(Asset.chunks)).order_by(Asset.id)
    return list(session.scalars(query))


def versions(*, session: Session, asset_id: int) -> list[AssetVersion]:
    """Earlier versions of an asset, newest first."""
    query = select(AssetVersion).where(AssetVersion.asset_id == asset_id).order_by(AssetVersion.version.desc())
    return list(session.scalars(query))
