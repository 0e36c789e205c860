"""The model in a child process: the same vectors, concurrent callers, splitting, failures and restarts."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator, Sequence
from functools import partial

import numpy as np
import pytest

from indexing.embedder import FakeEmbedder
from indexing.model_process import ModelProcess, ModelProcessError, ProcessEmbedder


class _Refuses(FakeEmbedder):
    """Embeds like FakeEmbedder but refuses the text "boom" (picklable: defined at module level)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if "boom" in texts:
            raise ValueError("cannot embed boom")
        return super().encode(texts)


@pytest.fixture(scope="module")
def model() -> Iterator[ModelProcess]:
    process = ModelProcess(partial(_Refuses, 32))
    yield process
    process.close()


def test_vectors_match_the_model_loaded_in_process(model: ModelProcess) -> None:
    texts = ["pricing is too high", "we already use a competitor", "pricing is too high"]
    assert model.model_name == "fake-32" and model.dimension == 32
    np.testing.assert_array_equal(model.embed(texts), FakeEmbedder(32).encode(texts))


def test_concurrent_callers_each_get_their_own_vectors(model: ModelProcess) -> None:
    reference = FakeEmbedder(32)
    wrong: list[int] = []

    def call(worker: int) -> None:
        for round_ in range(20):
            texts = [f"objection {worker} {round_} {i}" for i in range(1 + (worker + round_) % 3)]
            if not np.array_equal(model.embed(texts), reference.encode(texts)):
                wrong.append(worker)

    threads = [threading.Thread(target=call, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert wrong == []


def test_a_long_list_keeps_its_order(model: ModelProcess) -> None:
    texts = [f"passage {i}" for i in range(41)]
    np.testing.assert_array_equal(model.embed(texts), FakeEmbedder(32).encode(texts))
    assert model.embed([]).shape == (0, 32)


def test_an_embedding_error_reaches_the_caller_and_the_process_lives_on(model: ModelProcess) -> None:
    with pytest.raises(ModelProcessError, match="cannot embed boom"):
        model.embed(["fine", "boom"])
    assert model.embed(["fine"]).shape == (1, 32)


def test_a_model_that_does_not_load_fails_at_start() -> None:
    with pytest.raises(ModelProcessError, match="did not load: dimension must be at least 2"):
        ModelProcess(partial(FakeEmbedder, 1))


def test_a_killed_model_process_is_started_again() -> None:
    embedder = ProcessEmbedder(partial(FakeEmbedder, 16), cache_size=0)
    try:
        first = embedder.encode(["before the crash"])
        child = embedder._model._process  # noqa: SLF001 - the test kills the child
        assert child is not None and child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(timeout=10)
        vectors = embedder.encode(["before the crash", "after it"])
        np.testing.assert_array_equal(vectors[0], first[0])
        assert embedder._model._process is not child  # noqa: SLF001
    finally:
        embedder.close()
    assert not child.is_alive()
