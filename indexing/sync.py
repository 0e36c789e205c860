"""Keep the in-memory library in step with the store through its generation number."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from content_store import assets as asset_store
from content_store import generation as store_generation
from content_store.models import Asset, Chunk
from indexing.library import AssetCard, ChunkInfo, IndexedAsset, Library
from indexing.vector_index import FaissVectorIndex, stored_ids

logger = logging.getLogger(__name__)


def card_of(asset: Asset) -> AssetCard:
    """The in-memory card of a stored asset."""
    return AssetCard(
        asset_id=asset.id,
        external_id=asset.external_id,
        title=asset.title,
        summary=asset.summary,
        url=asset.url,
        content_type=asset.content_type,
        personas=tuple(asset.personas),
        stages=tuple(asset.stages),
        industries=tuple(asset.industries),
        objections=tuple(asset.objections),
        products=tuple(asset.products),
        usage_notes=asset.usage_notes,
        published_at=asset.published_at,
        expires_at=asset.expires_at,
        status=asset.status,
    )


def _vectors(embeddings: Sequence[bytes], dimension: int) -> np.ndarray:
    return np.frombuffer(b"".join(embeddings), dtype=np.float32).reshape(len(embeddings), dimension)


class IndexSync:
    """Builds the library from the store at start and applies deltas before serving."""

    def __init__(
        self, factory: sessionmaker[Session], library: Library, *, index_path: Path | None, model: str
    ) -> None:
        self.factory = factory
        self.library = library
        self.index_path = index_path
        self.model = model

    def build(self) -> None:
        """Load every live asset; vectors come from the saved index file where it is valid, else the store."""
        dimension = self.library.dimension
        preloaded = (
            FaissVectorIndex.load(self.index_path, model=self.model, dimension=dimension) if self.index_path else None
        )
        with self.factory() as session:
            generation = store_generation.current(session=session)
            if preloaded is not None and preloaded[1] <= generation:
                self.library.vectors = preloaded[0]
            rows = session.execute(
                select(Chunk.id, Chunk.asset_id, Chunk.kind, Chunk.text, Chunk.page)
                .join(Asset)
                .where(Asset.deleted_at.is_(None))
                .order_by(Chunk.asset_id, Chunk.ordinal)
            ).all()
            have = stored_ids(self.library.vectors)
            wanted = {row.id for row in rows}
            self.library.vectors.remove(np.array(sorted(have - wanted), dtype=np.int64))
            missing = sorted(wanted - have)
            embeddings: dict[int, bytes] = {}
            for start in range(0, len(missing), 5000):
                batch = missing[start : start + 5000]
                embeddings.update(session.execute(select(Chunk.id, Chunk.embedding).where(Chunk.id.in_(batch))).all())
            chunks_by_asset: dict[int, list[ChunkInfo]] = {}
            for row in rows:
                chunks_by_asset.setdefault(row.asset_id, []).append(
                    ChunkInfo(row.id, row.asset_id, row.kind, row.text, row.page)
                )
            cards = session.scalars(select(Asset).where(Asset.deleted_at.is_(None)))
            indexed = [self._indexed(card_of(a), chunks_by_asset.get(a.id, []), embeddings) for a in cards]
        self.library.replace(indexed, removed=(), generation=generation)
        logger.info("library built: %d assets, %d chunks, generation %d", len(indexed), len(rows), generation)

    def _indexed(self, card: AssetCard, chunks: list[ChunkInfo], embeddings: dict[int, bytes]) -> IndexedAsset:
        new = [c for c in chunks if c.chunk_id in embeddings]
        if new:
            vectors = _vectors([embeddings[c.chunk_id] for c in new], self.library.dimension)
            self.library.vectors.add(np.array([c.chunk_id for c in new], dtype=np.int64), vectors)
        return IndexedAsset(card, tuple(chunks), None)

    def refresh(self) -> int:
        """Apply every change committed since the library's generation; return the generation served."""
        with self.factory() as session:
            generation = store_generation.current(session=session)
            if generation <= self.library.generation:
                return self.library.generation
            changed = asset_store.changed_since(session=session, since=self.library.generation)
            self.library.replace(self._delta(changed), removed=[a.id for a in changed], generation=generation)
        return self.library.generation

    def _delta(self, changed: Iterable[Asset]) -> list[IndexedAsset]:
        delta = []
        for asset in changed:
            if asset.deleted_at is not None:
                continue
            chunks = tuple(ChunkInfo(c.id, asset.id, c.kind, c.text, c.page) for c in asset.chunks)
            vectors = _vectors([c.embedding for c in asset.chunks], self.library.dimension)
            delta.append(IndexedAsset(card_of(asset), chunks, vectors))
        return delta

    def save(self) -> None:
        """Write the vector index file so the next start skips reading vectors from the store."""
        if self.index_path is not None:
            with self.library.lock:
                self.library.vectors.save(self.index_path, model=self.model, generation=self.library.generation)
