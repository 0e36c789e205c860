"""The readers–writer lock: readers side by side, writers alone, re-entry without deadlock."""

from __future__ import annotations

import threading
import time

import pytest

from indexing.rw_lock import ReadWriteLock


def test_readers_hold_the_lock_side_by_side() -> None:
    lock = ReadWriteLock()
    inside = threading.Barrier(3, timeout=5)

    def read() -> None:
        with lock.read():
            inside.wait()  # passes only if all three readers are inside at once

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert not inside.broken


def test_a_writer_waits_for_readers_and_excludes_them() -> None:
    lock = ReadWriteLock()
    events: list[str] = []
    reading = threading.Event()
    release_reader = threading.Event()

    def read_long() -> None:
        with lock.read():
            reading.set()
            release_reader.wait(5)
            events.append("reader done")

    def write() -> None:
        with lock.write():
            events.append("writing")
            time.sleep(0.05)
            events.append("written")

    reader = threading.Thread(target=read_long)
    reader.start()
    reading.wait(5)
    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.05)
    late = threading.Thread(target=lambda: (lock.read().__enter__(), events.append("late reader")))
    late.start()  # a new reader queues behind the waiting writer
    time.sleep(0.05)
    assert events == []
    release_reader.set()
    for thread in (reader, writer, late):
        thread.join(timeout=5)
    assert events == ["reader done", "writing", "written", "late reader"]


def test_reentry_reads_within_reads_and_writes_and_refuses_an_upgrade() -> None:
    lock = ReadWriteLock()
    writer_waiting = threading.Event()
    with lock.read():
        blocked = threading.Thread(target=lambda: (writer_waiting.set(), lock.write().__enter__()), daemon=True)
        blocked.start()
        writer_waiting.wait(5)
        time.sleep(0.05)
        with lock.read():  # a waiting writer does not hold back a thread that already reads
            pass
        with pytest.raises(RuntimeError, match="cannot take it for writing"):
            with lock.write():
                pass
    blocked.join(timeout=5)
    assert not blocked.is_alive()
    other = ReadWriteLock()
    with other.write(), other.write(), other.read():
        pass
    with other.read():  # released completely: a new reader gets in
        pass
