"""The in-memory library: asset cards, chunk metadata and both indexes, kept in step."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from indexing.chunk_table import ChunkInfo, ChunkTable
from indexing.id_map import IdMap
from indexing.lexical_index import LexicalIndex
from indexing.rw_lock import ReadWriteLock
from indexing.vector_index import FaissVectorIndex

__all__ = ["AssetCard", "ChunkInfo", "IndexedAsset", "Library"]

T = TypeVar("T")
# Values kept by Library.memo until the library changes (the least recently used go first).
MEMO_SIZE = 512
ALWAYS = 2**31 - 1  # "live until" of an asset that never expires


@dataclass(frozen=True, slots=True)
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
class IndexedAsset:
    """An asset with its chunks and their vectors (None: already in the vector index)."""

    card: AssetCard
    chunks: tuple[ChunkInfo, ...]
    vectors: np.ndarray | None


class Library:
    """Asset cards plus the FAISS and BM25 indexes over their chunks.

    Every mutation holds the lock for writing and every read of the indexes for reading, so a request
    never sees an asset half-replaced while requests read side by side.
    """

    def __init__(self, dimension: int, vectors: FaissVectorIndex | None = None) -> None:
        self.dimension = dimension
        self.vectors = vectors or FaissVectorIndex(dimension)
        self.lexical = LexicalIndex()
        self.cards: dict[int, AssetCard] = {}
        self.chunks = ChunkTable()
        self.asset_chunks: dict[int, tuple[int, ...]] = {}
        self.by_external_id: dict[str, int] = {}
        self.generation = 0
        self.lock = ReadWriteLock()
        self._memo_lock = threading.Lock()
        self._industries: tuple[int, list[str]] = (-1, [])
        self._version = 0
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()
        # Asset id → the last day (ordinal) it is live before (-1: not published), for ``live``.
        self._live_until = IdMap()
        # Asset id → publication day (ordinal, -1: none) and tag profile, for ranking many assets at once.
        self._published_on = IdMap()
        self._profile_of = IdMap()
        self._profiles: dict[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], int] = {}
        self.profile_cards: list[AssetCard] = []

    def replace(
        self, assets: Iterable[IndexedAsset], removed: Iterable[int], generation: int, *, merge_postings: bool = True
    ) -> None:
        """Apply a delta: drop ``removed`` asset ids, (re)index ``assets``, move to ``generation``.
        ``merge_postings=False`` (a bulk load, followed by ``pack``) leaves new postings unsorted for now."""
        with self.lock.write():
            for asset_id in removed:
                self._drop(asset_id)
            for asset in assets:
                self._drop(asset.card.asset_id)
                self._add(asset)
            self.generation = max(self.generation, generation)
            self._version += 1
            self._memo.clear()
            if merge_postings:
                self.lexical.merge()

    def pack(self) -> None:
        """Sort every pending posting into the lexical index (after a bulk load)."""
        with self.lock.write():
            self.lexical.pack()

    def _drop(self, asset_id: int) -> None:
        card = self.cards.pop(asset_id, None)
        if card is not None:
            self.by_external_id.pop(card.external_id, None)
            self._live_until.pop(asset_id)
            self._published_on.pop(asset_id)
            self._profile_of.pop(asset_id)
        chunk_ids = self.asset_chunks.pop(asset_id, ())
        for chunk_id in chunk_ids:
            self.lexical.remove(chunk_id)
            self.chunks.remove(chunk_id)
        self.vectors.remove(np.array(chunk_ids, dtype=np.int64))

    def _add(self, asset: IndexedAsset) -> None:
        card = asset.card
        self.cards[card.asset_id] = card
        self.by_external_id[card.external_id] = card.asset_id
        published = card.status == "published"
        self._live_until[card.asset_id] = (
            -1 if not published else card.expires_at.toordinal() if card.expires_at else ALWAYS
        )
        self._published_on[card.asset_id] = card.published_at.toordinal() if card.published_at else -1
        profile = (card.personas, card.stages, card.industries)
        if profile not in self._profiles:
            self._profiles[profile] = len(self.profile_cards)
            self.profile_cards.append(card)
        self._profile_of[card.asset_id] = self._profiles[profile]
        ids = tuple(chunk.chunk_id for chunk in asset.chunks)
        self.asset_chunks[card.asset_id] = ids
        for chunk in asset.chunks:
            self.chunks.add(chunk)
            self.lexical.add(chunk.chunk_id, chunk.text)
        if asset.vectors is not None:
            self.vectors.add(np.array(ids, dtype=np.int64), asset.vectors)

    def mentions(self, term: str, today: dt.date, *, pattern: re.Pattern[str] | None = None) -> bool:
        """True if any live asset's text contains the (tokenized) term (and, if given, matches ``pattern``)."""
        with self.lock.read():
            for chunk_id in self.lexical.documents_with(term):
                chunk = self.chunks.get(chunk_id)
                if chunk is None or not self.cards[chunk.asset_id].is_live(today):
                    continue
                if pattern is None or pattern.search(chunk.text):
                    return True
        return False

    def live(self, asset_ids: np.ndarray, today: dt.date) -> np.ndarray:
        """``AssetCard.is_live`` of many asset ids at once (False for ids not in the library)."""
        return self._live_until.rows(asset_ids) > today.toordinal()

    def known(self, asset_ids: np.ndarray) -> np.ndarray:
        """True for the ids of assets in the library."""
        return self._profile_of.rows(asset_ids) >= 0

    def profiles(self, asset_ids: np.ndarray) -> np.ndarray:
        """Each asset's tag profile: an index into ``profile_cards``, a card with the same personas, stages
        and industries (assets sharing them fit a prospect alike)."""
        return self._profile_of.rows(asset_ids)

    def published_on(self, asset_ids: np.ndarray) -> np.ndarray:
        """Each asset's publication day as an ordinal (-1 when it has none)."""
        return self._published_on.rows(asset_ids)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value computed from the library (e.g. the assets a filter lets through), kept until it changes."""
        with self.lock.read():
            with self._memo_lock:
                if key in self._memo:
                    self._memo.move_to_end(key)
                    found: T = self._memo[key]
                    return found
            value = compute()  # readers may compute the same value side by side; either is kept
            with self._memo_lock:
                self._memo[key] = value
                if len(self._memo) > MEMO_SIZE:
                    self._memo.popitem(last=False)
            return value

    def industries(self) -> list[str]:
        """Every industry name the library uses, sorted (recomputed only when the library changed)."""
        with self.lock.read():
            generation, names = self._industries
            if generation != self.generation:
                names = sorted({name for card in self.cards.values() for name in card.industries})
                self._industries = (self.generation, names)
            return names
