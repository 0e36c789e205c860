"""The FAISS vector index: search, removal, reconstruction and the saved file with its sidecar."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexing.vector_index import FaissVectorIndex, stored_ids


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_search_remove_and_vectors() -> None:
    rng = np.random.default_rng(7)
    vectors = _unit(rng.standard_normal((50, 16)))
    index = FaissVectorIndex(16)
    index.add(np.arange(100, 150), vectors)
    scores, ids = index.search(vectors[3:4], 5)
    assert ids[0][0] == 103 and scores[0][0] == pytest.approx(1.0, abs=1e-5)
    index.remove(np.array([103]))
    assert 103 not in index.search(vectors[3:4], 50)[1][0]
    assert len(index) == 49 and 103 not in stored_ids(index)
    assert np.allclose(index.vectors(np.array([104]))[0], vectors[4])


def test_save_and_load_checks_the_sidecar(tmp_path: Path) -> None:
    index = FaissVectorIndex(8)
    index.add(np.array([1, 2]), _unit(np.eye(8)[:2]))
    path = tmp_path / "vectors.faiss"
    index.save(path, model="m", generation=7)
    loaded = FaissVectorIndex.load(path, model="m", dimension=8)
    assert loaded is not None and loaded[1] == 7 and len(loaded[0]) == 2
    assert FaissVectorIndex.load(path, model="other", dimension=8) is None
    assert FaissVectorIndex.load(path, model="m", dimension=16) is None
    assert FaissVectorIndex.load(tmp_path / "missing.faiss", model="m", dimension=8) is None


def test_empty_index_search() -> None:
    scores, ids = FaissVectorIndex(4).search(np.ones((2, 4), np.float32), 5)
    assert scores.shape == (2, 0) and ids.shape == (2, 0)
    with pytest.raises(ValueError):
        FaissVectorIndex(0)
