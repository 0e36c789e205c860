"""A readers–writer lock: many threads may read at once; a writer has the lock to itself."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ReadWriteLock:
    """Shared reading, exclusive writing.

    A waiting writer holds back new readers (so writes are never starved), except threads that already
    read or write here: they may read again without waiting, and a writer may write again. A reader
    cannot start writing (that would wait for itself), so ``write`` inside ``read`` raises.
    """

    def __init__(self) -> None:
        self._condition = threading.Condition(threading.Lock())
        self._readers = 0
        self._writer: int | None = None
        self._waiting_writers = 0
        self._local = threading.local()

    def _read_depth(self) -> int:
        return getattr(self._local, "depth", 0)

    @contextmanager
    def read(self) -> Iterator[None]:
        """Hold the lock for reading while inside."""
        depth = self._read_depth()
        if depth or self._writer == threading.get_ident():
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth = depth
            return
        with self._condition:
            while self._writer is not None or self._waiting_writers:
                self._condition.wait()
            self._readers += 1
        self._local.depth = 1
        try:
            yield
        finally:
            self._local.depth = 0
            with self._condition:
                self._readers -= 1
                if not self._readers:
                    self._condition.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        """Hold the lock alone while inside."""
        me = threading.get_ident()
        if self._writer == me:
            yield
            return
        if self._read_depth():
            raise RuntimeError("a thread holding the lock for reading cannot take it for writing")
        with self._condition:
            self._waiting_writers += 1
            try:
                while self._writer is not None or self._readers:
                    self._condition.wait()
            finally:
                self._waiting_writers -= 1
            self._writer = me
        try:
            yield
        finally:
            with self._condition:
                self._writer = None
                self._condition.notify_all()
