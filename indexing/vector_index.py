"""The vector index: FAISS inner product over normalized vectors, id-mapped by chunk id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import faiss
import numpy as np


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


class FaissVectorIndex:
    """Exact inner-product search (IndexFlatIP) wrapped in an IndexIDMap2."""

    def __init__(self, dimension: int) -> None:
        if dimension < 1:
            raise ValueError(f"dimension must be positive, got {dimension}")
        self.dimension = dimension
        self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under the given ids."""
        if len(ids) == 0:
            return
        matrix = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(ids), self.dimension)
        self._index.add_with_ids(matrix, np.ascontiguousarray(ids, dtype=np.int64))

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
        scores, ids = self._index.search(matrix, k)
        return scores, ids

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of the given ids."""
        return np.stack([self._index.reconstruct(int(i)) for i in ids]) if len(ids) else np.zeros((0, self.dimension))

    def __len__(self) -> int:
        """Number of stored vectors."""
        return int(self._index.ntotal)

    def save(self, path: Path, *, model: str, generation: int) -> None:
        """Write the index and a JSON sidecar (model, dimension, count, generation)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        faiss.write_index(self._index, str(temporary))
        temporary.replace(path)
        sidecar = {"model": model, "dimension": self.dimension, "count": len(self), "generation": generation}
        path.with_suffix(".json").write_text(json.dumps(sidecar))

    @classmethod
    def load(cls, path: Path, *, model: str, dimension: int) -> tuple[FaissVectorIndex, int] | None:
        """Read a saved index if its sidecar matches the model and dimension; returns it and its generation."""
        sidecar_path = path.with_suffix(".json")
        if not path.exists() or not sidecar_path.exists():
            return None
        try:
            sidecar = json.loads(sidecar_path.read_text())
            if sidecar.get("model") != model or sidecar.get("dimension") != dimension:
                return None
            index = cls(dimension)
            index._index = faiss.read_index(str(path))  # type: ignore[assignment]
        except (OSError, ValueError, RuntimeError):
            return None
        if len(index) != sidecar.get("count"):
            return None
        return index, int(sidecar["generation"])


def stored_ids(index: FaissVectorIndex) -> set[int]:
    """Every id held by a FAISS index."""
    return {int(i) for i in faiss.vector_to_array(index._index.id_map)}
