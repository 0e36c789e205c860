"""Keep the in-memory library in step with the store through its generation number."""

from __future__ import annotations

import ctypes
import gc
import logging
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from content_store import assets as asset_store
from content_store import generation as store_generation
from content_store.models import Asset, Chunk
from indexing.library import AssetCard, ChunkInfo, IndexedAsset, Library
from indexing.vector_index import TRAINING_PER_CELL, FaissVectorIndex, cells_for

logger = logging.getLogger(__name__)


CARD_COLUMNS = (
    Asset.id,
    Asset.external_id,
    Asset.title,
    Asset.summary,
    Asset.url,
    Asset.content_type,
    Asset.personas,
    Asset.stages,
    Asset.industries,
    Asset.objections,
    Asset.products,
    Asset.usage_notes,
    Asset.published_at,
    Asset.expires_at,
    Asset.status,
)
# Rows read from the store per round trip while building.
BATCH = 5000


def card_of(asset: Any) -> AssetCard:
    """The in-memory card of a stored asset (an Asset, or a row of CARD_COLUMNS)."""
    return AssetCard(
        asset_id=asset.id,
        external_id=asset.external_id,
        title=asset.title,
        summary=asset.summary,
        url=asset.url,
        content_type=asset.content_type,
        personas=_interned(asset.personas),
        stages=_interned(asset.stages),
        industries=_interned(asset.industries),
        objections=_interned(asset.objections),
        products=_interned(asset.products),
        usage_notes=asset.usage_notes,
        published_at=asset.published_at,
        expires_at=asset.expires_at,
        status=asset.status,
    )


def _interned(values: Sequence[str]) -> tuple[str, ...]:
    """Tag values as one shared string each (a library repeats the same few thousand tags)."""
    return tuple(sys.intern(v) if isinstance(v, str) else v for v in values)


def _vectors(embeddings: Sequence[bytes], dimension: int) -> np.ndarray:
    return np.frombuffer(b"".join(embeddings), dtype=np.float32).reshape(len(embeddings), dimension)


def _release_freed_memory() -> None:
    """Hand memory freed after the build back to the OS (glibc keeps it otherwise)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


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
        """Load every live asset; vectors come from the saved index file where it is valid, else the store.

        Everything is read in batches (cards, then chunk texts, then only the vectors the index
        lacks), so the peak memory of a start stays near what the library holds afterwards.
        """
        dimension = self.library.dimension
        preloaded = (
            FaissVectorIndex.load(self.index_path, model=self.model, dimension=dimension) if self.index_path else None
        )
        with self.factory() as session:
            generation = store_generation.current(session=session)
            if preloaded is not None and preloaded[1] <= generation:
                self.library.vectors = preloaded[0]
                self._forget_rewritten(session, since=preloaded[1])
            cards = {
                row.id: card_of(row)
                for row in session.execute(
                    select(*CARD_COLUMNS).where(Asset.deleted_at.is_(None)).execution_options(yield_per=BATCH)
                )
            }
            wanted = self._load_chunks(session, cards, generation)
            self.library.pack()
            read = self._load_vectors(session, wanted)
            if read and self.library.vectors.approximate and self.index_path is not None:
                self._compact(session, wanted)
        _release_freed_memory()
        logger.info("library built: %d assets, %d chunks, generation %d", len(cards), len(wanted), generation)

    def _forget_rewritten(self, session: Session, *, since: int) -> None:
        """Drop from the loaded index the chunks of assets written after it was saved: the store may have
        given a deleted chunk's id to a new passage, so those vectors are read again from the store."""
        rewritten = session.scalars(select(Chunk.id).join(Asset).where(Asset.generation > since)).all()
        if rewritten:
            self.library.vectors.remove(np.array(rewritten, dtype=np.int64))

    def _load_chunks(self, session: Session, cards: dict[int, AssetCard], generation: int) -> np.ndarray:
        """Stream chunk texts into the library, asset by asset; return every live chunk id."""
        query = (
            select(Chunk.id, Chunk.asset_id, Chunk.kind, Chunk.text, Chunk.page)
            .join(Asset)
            .where(Asset.deleted_at.is_(None))
            .order_by(Chunk.asset_id, Chunk.ordinal)
            .execution_options(yield_per=BATCH)
        )
        ids: list[int] = []
        pending: list[IndexedAsset] = []
        current: list[ChunkInfo] = []
        for row in session.execute(query):
            if current and current[0].asset_id != row.asset_id:
                pending += self._indexed(cards, current)
                current = []
            current.append(ChunkInfo(row.id, row.asset_id, row.kind, row.text, row.page))
            ids.append(row.id)
            if len(pending) >= BATCH // 10:
                self.library.replace(pending, removed=(), generation=generation, merge_postings=False)
                pending = []
        if current:
            pending += self._indexed(cards, current)
        pending += [IndexedAsset(card, (), None) for card in cards.values()]
        self.library.replace(pending, removed=(), generation=generation, merge_postings=False)
        return np.array(sorted(ids), dtype=np.int64)

    @staticmethod
    def _indexed(cards: dict[int, AssetCard], chunks: list[ChunkInfo]) -> list[IndexedAsset]:
        """The asset of these chunks, taken out of ``cards`` (none if it was written after the cards were read:
        the next refresh brings it)."""
        card = cards.pop(chunks[0].asset_id, None)
        return [IndexedAsset(card, tuple(chunks), None)] if card is not None else []

    def _load_vectors(self, session: Session, wanted: np.ndarray) -> int:
        """Drop vectors of chunks gone from the store; read the missing ones in batches; return how many."""
        vectors = self.library.vectors
        have = vectors.ids()
        vectors.remove(np.setdiff1d(have, wanted))
        missing = np.setdiff1d(wanted, have)
        if not len(missing):
            return 0
        threshold = vectors.approximate_above
        if threshold is not None and len(wanted) > threshold:
            step = max(1, len(missing) // (TRAINING_PER_CELL * cells_for(len(wanted))))
            vectors.plan(len(wanted), self._read_vectors(session, missing[::step])[1])
        for start in range(0, len(missing), BATCH):
            ids, batch = self._read_vectors(session, missing[start : start + BATCH])
            vectors.add(ids, batch)
        return len(missing)

    def _compact(self, session: Session, wanted: np.ndarray) -> None:
        """Write the index file now and serve from the copy read back: IVF lists filled batch by batch hold
        up to twice the memory they use, a loaded index exactly what it needs (and the next start is quick).
        The built index is let go before the file is read, so the two never take memory at once."""
        assert self.index_path is not None
        self.save()
        approximate_above = self.library.vectors.approximate_above
        self.library.vectors = FaissVectorIndex(self.library.dimension, approximate_above=approximate_above)
        _release_freed_memory()
        reloaded = FaissVectorIndex.load(self.index_path, model=self.model, dimension=self.library.dimension)
        if reloaded is not None:
            self.library.vectors = reloaded[0]
        else:
            logger.warning("the index file just written could not be read back; reading the vectors again")
            self._load_vectors(session, wanted)

    def _read_vectors(self, session: Session, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The stored vectors of the given chunk ids (in the order read), in batches."""
        found: list[int] = []
        blobs: list[bytes] = []
        for start in range(0, len(ids), BATCH):
            batch = [int(i) for i in ids[start : start + BATCH]]
            for chunk_id, embedding in session.execute(select(Chunk.id, Chunk.embedding).where(Chunk.id.in_(batch))):
                found.append(chunk_id)
                blobs.append(embedding)
        return np.array(found, dtype=np.int64), _vectors(blobs, self.library.dimension)

    def refresh(self) -> int:
        """Apply every change committed since the library's generation; return the generation served."""
        engine = self.factory.kw["bind"]
        with engine.connect() as connection:
            generation = store_generation.read(connection=connection)
        if generation <= self.library.generation:
            return self.library.generation
        with self.factory() as session:
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
            with self.library.lock.read():
                self.library.vectors.save(self.index_path, model=self.model, generation=self.library.generation)
