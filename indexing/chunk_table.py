"""Chunk metadata held in flat arrays: a read-only mapping of chunk id → ChunkInfo, compact in memory."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from indexing.id_map import IdMap


@dataclass(frozen=True, slots=True)
class ChunkInfo:
    """A chunk's text and place, without its vector."""

    chunk_id: int
    asset_id: int
    kind: str
    text: str
    page: int | None


NO_PAGE = -1


class ChunkTable(Mapping[int, ChunkInfo]):
    """Every chunk of the library, one row each (asset id, kind code, page in arrays, text in a list).

    A ChunkInfo is made only when asked for, so half a million chunks cost tens of
    megabytes instead of hundreds; rows of removed chunks are reused. ``locate``
    answers "which asset and kind?" for many chunk ids at once, for ranking.
    """

    def __init__(self) -> None:
        self._row_of = IdMap()
        self._free: list[int] = []
        self._texts: list[str | None] = []
        self._assets = np.zeros(0, dtype=np.int64)
        self._kinds = np.zeros(0, dtype=np.int8)
        self._pages = np.zeros(0, dtype=np.int32)
        self.kind_names: list[str] = []
        self._kind_codes: dict[str, int] = {}

    def kind_code(self, kind: str) -> int:
        """The small integer standing for a chunk kind (-1 if no chunk has it)."""
        return self._kind_codes.get(kind, -1)

    def add(self, chunk: ChunkInfo) -> None:
        """Hold a chunk (replacing any under the same id)."""
        self.remove(chunk.chunk_id)
        code = self._kind_codes.get(chunk.kind)
        if code is None:
            if len(self.kind_names) >= 127:
                raise ValueError(f"too many chunk kinds to hold {chunk.kind!r}")
            code = self._kind_codes[chunk.kind] = len(self.kind_names)
            self.kind_names.append(chunk.kind)
        if self._free:
            row = self._free.pop()
            self._texts[row] = chunk.text
        else:
            row = len(self._texts)
            self._texts.append(chunk.text)
            if row == len(self._assets):
                size = max(64, 2 * row)
                self._assets = np.resize(self._assets, size)
                self._kinds = np.resize(self._kinds, size)
                self._pages = np.resize(self._pages, size)
        self._assets[row] = chunk.asset_id
        self._kinds[row] = code
        self._pages[row] = NO_PAGE if chunk.page is None else chunk.page
        self._row_of[chunk.chunk_id] = row

    def remove(self, chunk_id: int) -> None:
        """Forget a chunk; unknown ids are ignored."""
        row = self._row_of.pop(chunk_id)
        if row is not None:
            self._texts[row] = None
            self._assets[row] = -1
            self._free.append(row)

    def __getitem__(self, chunk_id: int) -> ChunkInfo:
        row = self._row_of.get(chunk_id)
        if row is None:
            raise KeyError(chunk_id)
        page = int(self._pages[row])
        return ChunkInfo(
            chunk_id,
            int(self._assets[row]),
            self.kind_names[self._kinds[row]],
            self._texts[row] or "",
            None if page == NO_PAGE else page,
        )

    def get(self, chunk_id: int, default: ChunkInfo | None = None) -> ChunkInfo | None:  # type: ignore[override]
        """The chunk, or ``default`` when there is none under this id."""
        return self[chunk_id] if self._row_of.get(chunk_id) is not None else default

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self._row_of

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._row_of))

    def __len__(self) -> int:
        return len(self._row_of)

    def text(self, chunk_id: int) -> str:
        """A chunk's text (KeyError if unknown)."""
        row = self._row_of.get(chunk_id)
        if row is None:
            raise KeyError(chunk_id)
        return self._texts[row] or ""

    def locate(self, chunk_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Asset id and kind code of each chunk id (-1 and -1 for ids not held, such as FAISS's -1)."""
        rows = self._row_of.rows(chunk_ids)
        known = rows >= 0
        assets = np.where(known, self._assets[np.where(known, rows, 0)] if len(self._assets) else -1, -1)
        kinds = np.where(known, self._kinds[np.where(known, rows, 0)] if len(self._kinds) else -1, -1)
        return assets, kinds
