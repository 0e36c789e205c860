"""The in-memory library: asset cards, chunk metadata and both indexes, kept in step."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from indexing.lexical_index import LexicalIndex
from indexing.vector_index import FaissVectorIndex


@dataclass(frozen=True)
class AssetCard:
    """What ranking needs to know about an asset, held in memory."""

    asset_id: int
    external_id: str
    title: str
    summary: str
    url: str | None
    content_type: str
    personas: tuple[str, ...]
    stages: tuple[str, ...]
    industries: tuple[str, ...]
    objections: tuple[str, ...]
    products: tuple[str, ...]
    usage_notes: str
    published_at: dt.date | None
    expires_at: dt.date | None
    status: str

    def is_live(self, today: dt.date) -> bool:
        """Published and not expired on ``today``."""
        return self.status == "published" and (self.expires_at is None or self.expires_at > today)


@dataclass(frozen=True)
class ChunkInfo:
    """A chunk's text and place, without its vector."""

    chunk_id: int
    asset_id: int
    kind: str
    text: str
    page: int | None


@dataclass(frozen=True)
class IndexedAsset:
    """An asset with its chunks and their vectors (None: already in the vector index)."""

    card: AssetCard
    chunks: tuple[ChunkInfo, ...]
    vectors: np.ndarray | None


class Library:
    """Asset cards plus the FAISS and BM25 indexes over their chunks.

    Every mutation and every read of the indexes holds one lock, so a request
    never sees an asset half-replaced.
    """

    def __init__(self, dimension: int, vectors: FaissVectorIndex | None = None) -> None:
        self.dimension = dimension
        self.vectors = vectors or FaissVectorIndex(dimension)
        self.lexical = LexicalIndex()
        self.cards: dict[int, AssetCard] = {}
        self.chunks: dict[int, ChunkInfo] = {}
        self.asset_chunks: dict[int, tuple[int, ...]] = {}
        self.by_external_id: dict[str, int] = {}
        self.generation = 0
        self.lock = threading.RLock()
        self._industries: tuple[int, list[str]] = (-1, [])

    def replace(self, assets: Iterable[IndexedAsset], removed: Iterable[int], generation: int) -> None:
        """Apply a delta: drop ``removed`` asset ids, (re)index ``assets``, move to ``generation``."""
        with self.lock:
            for asset_id in removed:
                self._drop(asset_id)
            for asset in assets:
                self._drop(asset.card.asset_id)
                self._add(asset)
            self.generation = max(self.generation, generation)

    def _drop(self, asset_id: int) -> None:
        card = self.cards.pop(asset_id, None)
        if card is not None:
            self.by_external_id.pop(card.external_id, None)
        chunk_ids = self.asset_chunks.pop(asset_id, ())
        for chunk_id in chunk_ids:
            self.lexical.remove(chunk_id)
            self.chunks.pop(chunk_id, None)
        self.vectors.remove(np.array(chunk_ids, dtype=np.int64))

    def _add(self, asset: IndexedAsset) -> None:
        card = asset.card
        self.cards[card.asset_id] = card
        self.by_external_id[card.external_id] = card.asset_id
        ids = tuple(chunk.chunk_id for chunk in asset.chunks)
        self.asset_chunks[card.asset_id] = ids
        for chunk in asset.chunks:
            self.chunks[chunk.chunk_id] = chunk
            self.lexical.add(chunk.chunk_id, chunk.text)
        if asset.vectors is not None:
            self.vectors.add(np.array(ids, dtype=np.int64), asset.vectors)

    def mentions(self, term: str, today: dt.date) -> bool:
        """True if any live asset's text contains the (tokenized) term."""
        with self.lock:
            for chunk_id in self.lexical.documents_with(term):
                chunk = self.chunks.get(chunk_id)
                if chunk is not None and self.cards[chunk.asset_id].is_live(today):
                    return True
        return False

    def industries(self) -> list[str]:
        """Every industry name the library uses, sorted (recomputed only when the library changed)."""
        with self.lock:
            if self._industries[0] != self.generation:
                names = sorted({name for card in self.cards.values() for name in card.industries})
                self._industries = (self.generation, names)
            return self._industries[1]
