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


def test_load_refuses_an_index_its_sidecar_does_not_describe(tmp_path: Path) -> None:
    path = tmp_path / "vectors.faiss"
    old = FaissVectorIndex(8)
    old.add(np.array([1, 2]), _unit(np.eye(8)[:2]))
    old.save(path, model="m", generation=7)
    sidecar = path.with_suffix(".json").read_text()
    new = FaissVectorIndex(8)
    new.add(np.array([1, 2]), _unit(np.eye(8)[2:4]))
    new.save(path, model="m", generation=9)
    assert not list(tmp_path.glob("*.tmp"))
    # A crash between moving the new index and its sidecar into place: same count, other contents.
    path.with_suffix(".json").write_text(sidecar)
    assert FaissVectorIndex.load(path, model="m", dimension=8) is None
    # A half-written index under a sidecar that describes the whole one.
    new.save(path, model="m", generation=9)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert FaissVectorIndex.load(path, model="m", dimension=8) is None


def test_empty_index_search() -> None:
    scores, ids = FaissVectorIndex(4).search(np.ones((2, 4), np.float32), 5)
    assert scores.shape == (2, 0) and ids.shape == (2, 0)
    with pytest.raises(ValueError):
        FaissVectorIndex(0)


def _clustered(rng: np.random.Generator, count: int, dimension: int, centers: int) -> np.ndarray:
    """Random unit vectors around random centres (text embeddings cluster by topic)."""
    middle = _unit(rng.standard_normal((centers, dimension)))
    return _unit(middle[rng.integers(0, centers, count)] + rng.normal(0, 0.6 / dimension**0.5, (count, dimension)))


def _recall(found: np.ndarray, exact: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(e)) / len(e) for f, e in zip(found, exact, strict=True)]))


def test_approximate_index_above_the_threshold_keeps_recall_of_exact_search() -> None:
    rng = np.random.default_rng(11)
    vectors = _clustered(rng, 30_000, 48, centers=300)
    ids = np.arange(1, 30_001, dtype=np.int64)
    exact = FaissVectorIndex(48, approximate_above=None)
    approximate = FaissVectorIndex(48, approximate_above=5_000)
    for start in range(0, 30_000, 1_000):
        exact.add(ids[start : start + 1_000], vectors[start : start + 1_000])
        approximate.add(ids[start : start + 1_000], vectors[start : start + 1_000])
    assert approximate.approximate and not exact.approximate and len(approximate) == 30_000
    queries = _unit(vectors[rng.integers(0, 30_000, 200)] + rng.normal(0, 0.1, (200, 48)))
    # k up to 0.2% of the vectors: the depth of the service's 400 candidates at 200k+ passages.
    for k in (10, 50):
        assert _recall(approximate.search(queries, k)[1], exact.search(queries, k)[1]) >= 0.98
    # Removal and replacement work as with the exact index.
    approximate.remove(ids[:10_000])
    exact.remove(ids[:10_000])
    assert len(approximate) == 20_000 and stored_ids(approximate) == set(range(10_001, 30_001))
    assert not set(approximate.search(queries, 50)[1].ravel()) & set(range(1, 10_001))
    approximate.add(np.array([5]), queries[:1])
    assert approximate.search(queries[:1], 1)[1][0][0] == 5
    assert np.allclose(approximate.vectors(np.array([20_000]))[0], vectors[19_999], atol=1e-3)
    approximate.remove(np.array([5]))
    assert _recall(approximate.search(queries, 50)[1], exact.search(queries, 50)[1]) >= 0.98


def test_planned_approximate_index_saves_and_loads(tmp_path: Path) -> None:
    rng = np.random.default_rng(12)
    vectors = _clustered(rng, 8_000, 16, centers=50)
    index = FaissVectorIndex(16, approximate_above=1_000)
    index.plan(8_000, vectors[::4])
    assert index.approximate
    index.add(np.arange(8_000), vectors)
    path = tmp_path / "vectors.faiss"
    index.save(path, model="m", generation=3)
    loaded = FaissVectorIndex.load(path, model="m", dimension=16, approximate_above=1_000)
    assert loaded is not None and loaded[0].approximate and len(loaded[0]) == 8_000
    assert np.array_equal(loaded[0].search(vectors[:5], 10)[1], index.search(vectors[:5], 10)[1])
    exact = FaissVectorIndex.load(path, model="m", dimension=16, approximate_above=None)
    assert exact is not None and not exact[0].approximate and len(exact[0]) == 8_000
