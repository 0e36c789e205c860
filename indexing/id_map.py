"""Integer id → row number, looked up for many ids at once with numpy."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

# Ids below this are held in a flat array (database keys are small and dense); larger ones in a dict.
DIRECT_LIMIT = 1 << 26


class IdMap:
    """A map from non-negative ids to rows: a flat int32 array indexed by id (4 bytes per id up to the
    largest one seen, far less than a dict entry), plus a dict for ids past ``DIRECT_LIMIT`` or negative."""

    def __init__(self) -> None:
        self._direct = np.full(0, -1, dtype=np.int32)
        self._other: dict[int, int] = {}
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int | np.integer) and self.get(int(key)) is not None

    def get(self, key: int) -> int | None:
        """The row of ``key``, or None."""
        if 0 <= key < len(self._direct):
            row = int(self._direct[key])
            return row if row >= 0 else None
        return self._other.get(key)

    def __setitem__(self, key: int, row: int) -> None:
        if 0 <= key < DIRECT_LIMIT:
            if key >= len(self._direct):
                grown = np.full(max(key + 1, 2 * len(self._direct), 1024), -1, dtype=np.int32)
                grown[: len(self._direct)] = self._direct
                self._direct = grown
            if self._direct[key] < 0:
                self._count += 1
            self._direct[key] = row
        else:
            if key not in self._other:
                self._count += 1
            self._other[key] = row

    def pop(self, key: int) -> int | None:
        """Remove ``key``; return its row (None if absent)."""
        if 0 <= key < len(self._direct):
            row = int(self._direct[key])
            if row < 0:
                return None
            self._direct[key] = -1
            self._count -= 1
            return row
        row_or_none = self._other.pop(key, None)
        if row_or_none is not None:
            self._count -= 1
        return row_or_none

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """The row of each key (-1 where absent)."""
        keys = np.asarray(keys, dtype=np.int64)
        inside = (keys >= 0) & (keys < len(self._direct))
        rows = np.full(len(keys), -1, dtype=np.int64)
        rows[inside] = self._direct[keys[inside]]
        if self._other and not inside.all():
            for position in np.flatnonzero(~inside).tolist():
                rows[position] = self._other.get(int(keys[position]), -1)
        return rows

    def __iter__(self) -> Iterator[int]:
        yield from np.flatnonzero(self._direct >= 0).tolist()
        yield from list(self._other)
