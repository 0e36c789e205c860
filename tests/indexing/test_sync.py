"""Starting from a saved index file after the store changed without it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sqlalchemy import select

from content_store.models import Asset, Chunk
from indexing.embedder import SentenceTransformerEmbedder
from service.runtime import Runtime, build_runtime
from service.settings import Settings
from service.usecases.assets import ImportItem, delete_asset, upsert_many


def _asset(external_id: str, body: str) -> ImportItem:
    return ImportItem({"external_id": external_id, "title": external_id, "body": body, "content_type": "guide"})


def _stored_vectors(runtime: Runtime, external_id: str) -> tuple[np.ndarray, np.ndarray]:
    with runtime.factory() as session:
        rows = session.execute(
            select(Chunk.id, Chunk.embedding).join(Asset).where(Asset.external_id == external_id)
        ).all()
    ids = np.array([r.id for r in rows], dtype=np.int64)
    return ids, np.frombuffer(b"".join(r.embedding for r in rows), dtype=np.float32).reshape(len(rows), -1)


def test_vectors_under_reused_chunk_ids_are_read_again(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> None:
    settings = Settings(data_dir=tmp_path)
    first = build_runtime(settings, embedder)
    upsert_many(first, [_asset("kept", "Invoices are matched to purchase orders automatically.")])
    upsert_many(first, [_asset("removed", "Our card program pays rebates on supplier spend.")])
    removed_ids, _ = _stored_vectors(first, "removed")
    first.close()  # the index file now holds both assets

    second = build_runtime(settings, embedder)
    delete_asset(second, "removed")
    upsert_many(second, [_asset("added", "Vendor onboarding collects tax forms and bank details.")])
    added_ids, added_vectors = _stored_vectors(second, "added")
    second.activity_log.close()  # stops without saving the index, as a killed server does
    second.engine.dispose()
    assert set(added_ids) & set(removed_ids), "the store reuses chunk ids of deleted rows"

    third = build_runtime(settings, embedder)
    try:
        np.testing.assert_allclose(third.library.vectors.vectors(added_ids), added_vectors, atol=1e-6)
        kept_ids, kept_vectors = _stored_vectors(third, "kept")
        np.testing.assert_allclose(third.library.vectors.vectors(kept_ids), kept_vectors, atol=1e-6)
        assert set(third.library.vectors.ids()) == set(kept_ids) | set(added_ids)
    finally:
        third.close()
