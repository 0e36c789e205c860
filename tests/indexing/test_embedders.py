"""One contract for every Embedder: the fake and the real packaged model."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from indexing.embedder import Coalescer, Embedder, FakeEmbedder, SentenceTransformerEmbedder


@pytest.fixture(scope="module")
def onnx_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the ONNX export, so the module exports the model once."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def onnx_embedder(onnx_models: Path) -> Embedder:
    from indexing.onnx_embedder import OnnxEmbedder

    return OnnxEmbedder(cache_dir=onnx_models)


@pytest.fixture(params=["fake", "real", "onnx"])
def any_embedder(request: pytest.FixtureRequest, embedder: SentenceTransformerEmbedder) -> Embedder:
    if request.param == "onnx":
        return request.getfixturevalue("onnx_embedder")
    return FakeEmbedder(32) if request.param == "fake" else embedder


def test_onnx_int8_agrees_with_the_fp32_model(onnx_embedder: Embedder, embedder: SentenceTransformerEmbedder) -> None:
    texts = ["the price is too high", "we need SOC 2 reports", "techs hate new apps lol", "Invoices match POs."]
    agreement = (onnx_embedder.encode(texts) * embedder.encode(texts)).sum(axis=1)
    assert agreement.min() > 0.985
    assert onnx_embedder.name.endswith("+onnx-int8")


def test_onnx_vector_of_a_text_does_not_depend_on_its_batch(onnx_models: Path) -> None:
    from indexing.onnx_embedder import OnnxEmbedder

    fresh = OnnxEmbedder(cache_dir=onnx_models, cache_size=0)  # no cache: every call runs the model
    long_text = "Our approval routing sends every invoice over ten thousand dollars to the controller. " * 8
    alone = fresh.encode(["the price is too high"])
    batched = fresh.encode([long_text, "the price is too high", "SOC 2"])
    assert np.array_equal(alone[0], batched[1])


def test_embedder_contract(any_embedder: Embedder) -> None:
    texts = ["invoice approval workflow", "invoice approval workflow", "kittens on a sofa", ""]
    vectors = any_embedder.encode(texts)
    assert vectors.shape == (4, any_embedder.dimension) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-4)
    assert np.allclose(vectors[0], vectors[1])
    assert isinstance(any_embedder, Embedder)
    assert any_embedder.encode([]).shape == (0, any_embedder.dimension)


def test_real_model_understands_paraphrases(embedder: SentenceTransformerEmbedder) -> None:
    a, b, c = embedder.encode(["the price is too high", "it costs too much money", "our data center is in Frankfurt"])
    assert float(a @ b) > float(a @ c) + 0.2
    assert embedder.dimension == 384


def test_fake_embedder_rejects_bad_dimension() -> None:
    with pytest.raises(ValueError):
        FakeEmbedder(1)


def test_coalescer_shares_model_calls_between_threads_and_keeps_each_callers_rows() -> None:
    calls: list[list[str]] = []
    active = [0, 0]  # now, most at once

    def embed(texts: list[str]) -> np.ndarray:
        active[0] += 1
        active[1] = max(active[1], active[0])
        calls.append(list(texts))
        time.sleep(0.02)
        active[0] -= 1
        if "boom" in texts:
            raise RuntimeError("model failed")
        return np.array([[float(len(t)), float(t.count("a"))] for t in texts])

    coalescer = Coalescer(embed)
    texts = [[f"{'a' * i} query {i}", f"other {i}"] for i in range(12)]
    results: dict[int, np.ndarray] = {}

    def ask(i: int) -> None:
        results[i] = coalescer(texts[i])

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert active[1] == 1 and len(calls) < 12
    for i in range(12):
        assert results[i].tolist() == [[float(len(t)), float(t.count("a"))] for t in texts[i]]
    with pytest.raises(RuntimeError, match="model failed"):
        coalescer(["boom"])
    assert coalescer(["after"]).tolist() == [[5.0, 1.0]]


def test_the_configured_model_runs_in_a_child_process_with_the_same_vectors(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    from indexing.model_process import ProcessEmbedder
    from service.settings import Settings

    texts = ["Your price is too high", "We already use a competitor", "How long does rollout take?"]
    model = Settings(data_dir=tmp_path).embedder()
    try:
        assert isinstance(model, ProcessEmbedder) and model.name == embedder.name
        np.testing.assert_allclose(model.encode(texts), embedder.encode(texts), atol=1e-5)
        child = model._model._process  # noqa: SLF001 - the test checks the child stops
    finally:
        model.close()
    assert child is not None and not child.is_alive()
    assert not isinstance(Settings(data_dir=tmp_path, model_process=False).embedder(), ProcessEmbedder)
