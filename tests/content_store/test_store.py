"""Assets, versions, tags, generation, personas and keys against a real SQLite database."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from content_store import assets, generation, keys, personas
from content_store.assets import NewChunk
from tests.content_store.factories import asset_fields


def _chunk(text_: str) -> NewChunk:
    return NewChunk(ordinal=0, kind="body", text=text_, content_hash=text_, embedding=b"\x00" * 16)


def test_sqlite_runs_in_wal_mode(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("WAL is a SQLite setting")
    assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_upsert_versions_and_generation(session: Session) -> None:
    start = generation.current(session=session)
    asset, created = assets.upsert(
        session=session, external_id="a", fields=asset_fields(), content_hash="h1", chunks=[_chunk("x")]
    )
    assert created and asset.version == 1 and asset.generation == start + 1
    same, created = assets.upsert(session=session, external_id="a", fields=asset_fields(), content_hash="h1", chunks=[])
    assert not created and same.version == 1
    changed, _ = assets.upsert(
        session=session, external_id="a", fields=asset_fields(title="Guide 2"), content_hash="h2", chunks=[_chunk("y")]
    )
    assert changed.version == 2 and [c.text for c in changed.chunks] == ["y"]
    history = assets.versions(session=session, asset_id=changed.id)
    assert [v.version for v in history] == [1] and history[0].snapshot["title"] == "Guide"
    assert assets.chunk_embeddings(session=session, asset_id=changed.id) == {"y": b"\x00" * 16}


def test_delete_is_a_tombstone_that_sync_can_see(session: Session) -> None:
    asset, _ = assets.upsert(
        session=session, external_id="b", fields=asset_fields(), content_hash="h", chunks=[_chunk("x")]
    )
    before = generation.current(session=session)
    assert assets.delete(session=session, external_id="b")
    assert assets.get(session=session, external_id="b") is None
    tombstone = assets.get(session=session, external_id="b", include_deleted=True)
    assert tombstone is not None and tombstone.chunks == []
    assert [a.external_id for a in assets.changed_since(session=session, since=before)] == ["b"]
    assert not assets.delete(session=session, external_id="b")


def test_list_filters_by_normalized_tags(session: Session) -> None:
    assets.upsert(
        session=session, external_id="c1", fields=asset_fields(industries=["Health Care "]), content_hash="1", chunks=[]
    )
    assets.upsert(session=session, external_id="c2", fields=asset_fields(personas=["it"]), content_hash="2", chunks=[])
    found = assets.list_(session=session, tags={"industries": "health care", "personas": "finance"})
    assert [a.external_id for a in found] == ["c1"]
    with pytest.raises(ValueError):
        assets.list_(session=session, tags={"colour": "red"})


def test_personas_and_keys(session: Session) -> None:
    persona, created = personas.upsert(
        session=session, persona_id="p", name="P", description="", example_titles=["T"], keywords=[]
    )
    assert created and personas.get(session=session, persona_id="p") is persona
    assert personas.delete(session=session, persona_id="p") and not personas.delete(session=session, persona_id="p")
    keys.create(session=session, key_id="k1", name="n", role="rep", key_hash="f" * 64)
    assert keys.get_active_by_hash(session=session, key_hash="f" * 64) is not None
    assert keys.revoke(session=session, key_id="k1") and not keys.revoke(session=session, key_id="k1")
    assert keys.get_active_by_hash(session=session, key_hash="f" * 64) is None
