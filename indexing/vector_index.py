"""The vector index: FAISS inner product over normalized vectors, id-mapped by chunk id.

Up to ``approximate_above`` vectors the search is exact (a flat index). Above it the
vectors move to an inverted-file index (IVF: k-means cells, half-precision storage,
a share of the cells scanned per query), which keeps a search at a few milliseconds
over hundreds of thousands of passages and halves the memory; ``bench.scale`` and
``tests/indexing/test_vector_index.py`` check its recall against exact search.
Both kinds remove by id, so replacing or deleting an asset works the same.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
from pathlib import Path
from typing import Any, Protocol

import faiss
import numpy as np

logger = logging.getLogger(__name__)

# Above this many vectors the index becomes approximate (IVF); at or below it, search is exact.
APPROXIMATE_ABOVE = 50_000
# Share of the IVF cells scanned per query (at least MIN_PROBES): 1/16 keeps recall@400 against
# exact search above 0.98 on the scale benchmark's 500k passages and on clustered random data.
PROBE_SHARE = 16
MIN_PROBES = 8
# k-means training: this many sample vectors per cell, this many iterations.
TRAINING_PER_CELL = 40
TRAINING_ITERATIONS = 10
# The cells are trained again once the index holds this many times the vectors they were made for.
RETRAIN_GROWTH = 4


class VectorIndex(Protocol):
    """Nearest-neighbour search over unit vectors keyed by integer ids."""

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under the given ids (ids must be new)."""
        ...

    def remove(self, ids: np.ndarray) -> None:
        """Remove the given ids (unknown ids are ignored)."""
        ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k inner products and ids per query row; missing slots have id -1."""
        ...

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of the given ids."""
        ...

    def __len__(self) -> int:
        """Number of stored vectors."""
        ...


def cells_for(count: int) -> int:
    """IVF cells for ``count`` vectors: the power of two nearest √count, within [64, 4096]."""
    return int(min(4096, max(64, 2 ** round(math.log2(math.sqrt(max(count, 1)))))))


class _OneThread:
    """FAISS single-threaded in the calling thread while inside (the previous setting is restored).

    FAISS's OpenMP threads would spin against torch's, which embed queries on the same two
    cores; concurrent requests use the cores anyway.
    """

    def __enter__(self) -> None:
        self._before = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)

    def __exit__(self, *_: object) -> None:
        faiss.omp_set_num_threads(self._before)


def _digest(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FaissVectorIndex:
    """Exact inner-product search (IndexFlatIP in an IndexIDMap2) up to ``approximate_above`` vectors; above
    it an IVF index with fp16 storage and a hash-table id map (ids can still be removed and read back).
    ``approximate_above=None`` keeps it exact at any size.
    """

    def __init__(self, dimension: int, *, approximate_above: int | None = APPROXIMATE_ABOVE) -> None:
        if dimension < 1:
            raise ValueError(f"dimension must be positive, got {dimension}")
        if approximate_above is not None and approximate_above < 1:
            raise ValueError(f"approximate_above must be positive or None, got {approximate_above}")
        self.dimension = dimension
        self.approximate_above = approximate_above
        self._index: faiss.Index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        self._trained_for = 0

    @property
    def approximate(self) -> bool:
        """True once the vectors live in the IVF index."""
        return isinstance(self._index, faiss.IndexIVF)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under the given ids (moving to, or retraining, the IVF index as the count grows)."""
        if len(ids) == 0:
            return
        matrix = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(ids), self.dimension)
        keys = np.ascontiguousarray(ids, dtype=np.int64)
        total = len(self) + len(keys)
        if (
            self.approximate_above is not None
            and total > self.approximate_above
            and (not self.approximate or total > RETRAIN_GROWTH * self._trained_for)
        ):
            self._rebuild(total, keys, matrix)
            return
        self._index.add_with_ids(matrix, keys)

    def plan(self, expected: int, sample: np.ndarray) -> None:
        """Before a bulk load of ``expected`` vectors: when that is over the threshold, train the IVF
        cells on ``sample`` (vectors drawn across the library) now, so the load goes straight into them."""
        if self.approximate_above is None or expected <= self.approximate_above or len(sample) == 0:
            return
        if self.approximate and expected <= RETRAIN_GROWTH * self._trained_for:
            return
        self._move_into(self._trained_ivf(expected, np.ascontiguousarray(sample, dtype=np.float32)))
        self._trained_for = expected

    def _trained_ivf(self, expected: int, sample: np.ndarray) -> faiss.IndexIVF:
        """An empty IVF index (fp16 vectors, hash-table id map) with cells trained on ``sample``."""
        cells = max(1, min(cells_for(expected), len(sample) // 8))
        index = faiss.IndexIVFScalarQuantizer(
            faiss.IndexFlatIP(self.dimension),
            self.dimension,
            cells,
            faiss.ScalarQuantizer.QT_fp16,
            faiss.METRIC_INNER_PRODUCT,
            False,
        )
        index.cp.niter = TRAINING_ITERATIONS
        index.cp.max_points_per_centroid = TRAINING_PER_CELL
        index.cp.min_points_per_centroid = 1
        index.train(sample)
        index.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]
        index.nprobe = min(cells, max(MIN_PROBES, cells // PROBE_SHARE))
        logger.info("vector index: IVF, %d cells (%d probed) for %d vectors", cells, index.nprobe, expected)
        return index

    def _rebuild(self, total: int, keys: np.ndarray, matrix: np.ndarray) -> None:
        """Train IVF cells on a sample of the held vectors and ``matrix``, then move them all in."""
        held = self.ids()
        wanted = min(total, TRAINING_PER_CELL * cells_for(total))
        picks = np.sort(np.random.default_rng(0).choice(total, size=wanted, replace=False))
        sample = np.concatenate(
            [self.vectors(held[picks[picks < len(held)]]), matrix[picks[picks >= len(held)] - len(held)]]
        )
        index = self._trained_ivf(total, sample)
        self._move_into(index, held)
        if len(keys):
            index.add_with_ids(matrix, keys)
        self._trained_for = total

    def _move_into(self, index: faiss.Index, held: np.ndarray | None = None) -> None:
        """Copy every stored vector into ``index`` (in batches) and make it the live index."""
        held = self.ids() if held is None else held
        for start in range(0, len(held), 50_000):
            batch = held[start : start + 50_000]
            index.add_with_ids(self.vectors(batch), batch)
        self._index = index

    def remove(self, ids: np.ndarray) -> None:
        """Remove the given ids."""
        if len(ids):
            self._index.remove_ids(np.ascontiguousarray(ids, dtype=np.int64))  # type: ignore[arg-type]

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k inner products and ids per query row."""
        matrix = np.ascontiguousarray(queries, dtype=np.float32).reshape(-1, self.dimension)
        k = max(1, min(k, len(self)))
        if len(self) == 0:
            return np.zeros((len(matrix), 0), np.float32), np.zeros((len(matrix), 0), np.int64)
        with _OneThread():
            scores, ids = self._index.search(matrix, k)
        return scores, ids

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of the given ids."""
        keys = np.ascontiguousarray(ids, dtype=np.int64)
        out = np.empty((len(keys), self.dimension), dtype=np.float32)
        if len(keys):
            self._index.reconstruct_batch(keys, out)
        return out

    def ids(self) -> np.ndarray:
        """Every stored id."""
        if isinstance(self._index, faiss.IndexIDMap2):
            return faiss.vector_to_array(self._index.id_map).astype(np.int64)
        ivf: Any = self._index
        lists = ivf.invlists
        parts = [
            faiss.rev_swig_ptr(lists.get_ids(cell), lists.list_size(cell)).copy()
            for cell in range(ivf.nlist)
            if lists.list_size(cell)
        ]
        return np.sort(np.concatenate(parts)).astype(np.int64) if parts else np.zeros(0, np.int64)

    def __len__(self) -> int:
        """Number of stored vectors."""
        return int(self._index.ntotal)

    def save(self, path: Path, *, model: str, generation: int) -> None:
        """Write the index and a JSON sidecar (model, dimension, count, generation, the file's SHA-256)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")  # server processes may save at the same time
        faiss.write_index(self._index, str(temporary))
        sidecar = {
            "model": model,
            "dimension": self.dimension,
            "count": len(self),
            "generation": generation,
            "trained_for": self._trained_for,
            "sha256": _digest(temporary),
        }
        temporary.replace(path)
        sidecar_temporary = path.with_suffix(f".{os.getpid()}.json.tmp")
        sidecar_temporary.write_text(json.dumps(sidecar))
        sidecar_temporary.replace(path.with_suffix(".json"))

    @classmethod
    def load(
        cls, path: Path, *, model: str, dimension: int, approximate_above: int | None = APPROXIMATE_ABOVE
    ) -> tuple[FaissVectorIndex, int] | None:
        """Read a saved index if its sidecar matches the model, the dimension and the file's contents;
        returns it and its generation."""
        sidecar_path = path.with_suffix(".json")
        if not path.exists() or not sidecar_path.exists():
            return None
        try:
            sidecar = json.loads(sidecar_path.read_text())
            if sidecar.get("model") != model or sidecar.get("dimension") != dimension:
                return None
            if sidecar.get("sha256") != _digest(path):
                return None
            index = cls(dimension, approximate_above=approximate_above)
            loaded = faiss.read_index(str(path))
        except (OSError, ValueError, RuntimeError):
            return None
        if not isinstance(loaded, faiss.IndexIDMap2 | faiss.IndexIVF) or loaded.d != dimension:
            return None
        index._index = loaded
        if len(index) != sidecar.get("count"):
            return None
        index._trained_for = int(sidecar.get("trained_for") or len(index))
        if index.approximate and approximate_above is None:
            index._move_into(faiss.IndexIDMap2(faiss.IndexFlatIP(dimension)))
        elif not index.approximate and approximate_above is not None and len(index) > approximate_above:
            index._rebuild(len(index), np.zeros(0, np.int64), np.zeros((0, dimension), np.float32))
        return index, int(sidecar["generation"])


def stored_ids(index: FaissVectorIndex) -> set[int]:
    """Every id held by a FAISS index."""
    return {int(i) for i in index.ids()}
