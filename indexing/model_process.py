"""An embedder whose model runs in a child process.

In one Python process the model's calls and the request handling (parsing, ranking, answering) take
turns on one interpreter lock: a server then keeps only about 1.4 of two cores busy. Here the model
lives in a child process with its own lock, running one model call at a time (on every core), each
taking every text queued meanwhile; the server process never loads torch.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import queue
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import numpy as np

from indexing.embedder import CachedEmbedder, Embedder

logger = logging.getLogger(__name__)

Job = tuple[int, list[str]]


class ModelProcessError(RuntimeError):
    """The model process could not start, or ended."""


def _serve(connection: Connection, make: Callable[[], Embedder]) -> None:
    """The child: load the model, say its name and dimension, then embed what arrives until the parent
    closes the pipe (or sends None). One thread reads jobs while another embeds, each call taking every
    job queued when it starts."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole process group; the parent decides
    try:
        embedder = make()
    except Exception as error:  # noqa: BLE001 - reported to the parent, which raises it
        connection.send(ModelProcessError(f"the embedding model did not load: {error}"))
        return
    connection.send((embedder.name, embedder.dimension))
    jobs: queue.Queue[Job | None] = queue.Queue()

    def embed_jobs() -> None:
        done = False
        while not done and (first := jobs.get()) is not None:
            batch = [first]
            while not jobs.empty():
                job = jobs.get_nowait()
                if job is None:
                    done = True
                    break
                batch.append(job)
            _answer(batch, embedder, connection)

    worker = threading.Thread(target=embed_jobs, name="model-calls", daemon=True)
    worker.start()
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            job = None
        jobs.put(job)
        if job is None:
            break
    worker.join()


def _answer(batch: list[Job], embedder: Embedder, connection: Connection) -> None:
    """Embed the texts of several jobs in one model call and send each job its vectors (or the error)."""
    try:
        vectors = embedder.encode([text for _, texts in batch for text in texts])
        replies: list[tuple[int, object]] = []
        start = 0
        for job_id, texts in batch:
            replies.append((job_id, vectors[start : start + len(texts)]))
            start += len(texts)
    except Exception as error:  # noqa: BLE001 - handed to the callers
        replies = [(job_id, ModelProcessError(f"embedding failed: {error}")) for job_id, _ in batch]
    for reply in replies:
        connection.send(reply)


class ModelProcess:
    """A child process holding the model (built there by ``make``, which must be picklable, such as a
    ``functools.partial`` of an embedder class). ``embed`` may be called from many threads at once.
    A child that ended is started again at the next call."""

    def __init__(self, make: Callable[[], Embedder]) -> None:
        self._make = make
        self._send_lock = threading.Lock()
        self._ids = itertools.count()
        self._pending: dict[int, Future[np.ndarray]] = {}  # of the current child
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self.model_name, self.dimension = self._start()

    def _start(self) -> tuple[str, int]:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, self._make), name="pitchwise-model", daemon=True)
        process.start()
        child.close()
        try:
            hello = parent.recv()
        except EOFError:
            process.join()
            raise ModelProcessError(f"the model process exited while loading (exit code {process.exitcode})") from None
        if isinstance(hello, BaseException):
            process.join()
            raise hello
        self._process, self._connection, self._pending = process, parent, {}
        threading.Thread(
            target=self._read_replies, args=(parent, self._pending), name="pitchwise-model-replies", daemon=True
        ).start()
        name, dimension = hello
        return str(name), int(dimension)

    def _read_replies(self, connection: Connection, pending: dict[int, Future[np.ndarray]]) -> None:
        """Hand each reply of one child to its caller; when the child ends, fail whatever still waits on it."""
        while True:
            try:
                job_id, reply = connection.recv()
            except (EOFError, OSError):
                break
            future = pending.pop(job_id, None)
            if future is None:
                continue
            if isinstance(reply, BaseException):
                future.set_exception(reply)
            else:
                future.set_result(np.asarray(reply, dtype=np.float32))
        with self._send_lock:
            if self._connection is connection:
                self._connection = None  # the next call starts a new child
            waiting = list(pending.values())
            pending.clear()
        for future in waiting:
            future.set_exception(ModelProcessError("the model process ended during the call"))

    def embed(self, texts: list[str]) -> np.ndarray:
        """The vectors of ``texts``, computed in the child."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._submit(texts).result()

    def _submit(self, texts: list[str]) -> Future[np.ndarray]:
        future: Future[np.ndarray] = Future()
        with self._send_lock:
            for _ in range(2):
                if self._connection is None:
                    self._restart()
                assert self._connection is not None
                job_id = next(self._ids)
                self._pending[job_id] = future
                try:
                    self._connection.send((job_id, texts))
                    return future
                except OSError:  # the child died before its reader noticed
                    self._pending.pop(job_id, None)
                    self._connection = None
        raise ModelProcessError("the model process ended again right after a restart")

    def _restart(self) -> None:
        logger.warning("the model process ended (exit code %s); starting it again", self._exitcode())
        self._stop()
        self._start()

    def _exitcode(self) -> int | None:
        return self._process.exitcode if self._process is not None else None

    def _stop(self) -> None:
        connection, process = self._connection, self._process
        self._connection = self._process = None
        if connection is not None:
            try:
                connection.send(None)
            except OSError:
                pass
        if process is not None:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
        if connection is not None:
            connection.close()

    def close(self) -> None:
        """Stop the child (it also stops by itself when this process ends)."""
        with self._send_lock:
            self._stop()


class ProcessEmbedder(CachedEmbedder):
    """An embedder built by ``make`` in a child process, behind this process's query cache. The child
    batches concurrent calls itself, so calls are not coalesced here."""

    def __init__(self, make: Callable[[], Embedder], *, cache_size: int = 4096) -> None:
        self._model = ModelProcess(make)
        super().__init__(self._model.model_name, self._model.dimension, cache_size=cache_size)
        self.coalesce = False

    def _embed(self, texts: list[str]) -> np.ndarray:
        return self._model.embed(texts)

    def close(self) -> None:
        """Stop the model process."""
        self._model.close()
