"""One contract for every Embedder: the fake and the real packaged model."""

from __future__ import annotations

import numpy as np
import pytest

from indexing.embedder import Embedder, FakeEmbedder, SentenceTransformerEmbedder


@pytest.fixture(scope="module")
def onnx_embedder(tmp_path_factory: pytest.TempPathFactory) -> Embedder:
    from indexing.onnx_embedder import OnnxEmbedder

    return OnnxEmbedder(cache_dir=tmp_path_factory.mktemp("models"))


@pytest.fixture(params=["fake", "real", "onnx"])
def any_embedder(request: pytest.FixtureRequest, embedder: SentenceTransformerEmbedder) -> Embedder:
    if request.param == "onnx":
        return request.getfixturevalue("onnx_embedder")
    return FakeEmbedder(32) if request.param == "fake" else embedder


def test_onnx_int8_agrees_with_the_fp32_model(onnx_embedder: Embedder, embedder: SentenceTransformerEmbedder) -> None:
    texts = ["the price is too high", "we need SOC 2 reports", "techs hate new apps lol", "Invoices match POs."]
    agreement = (onnx_embedder.encode(texts) * embedder.encode(texts)).sum(axis=1)
    assert agreement.min() > 0.98
    assert onnx_embedder.name.endswith("+onnx-int8")


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
