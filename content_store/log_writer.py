"""The recommendation and objection log, written in batches by a background thread.

A request hands its log entries over and returns; a thread writes everything handed
over in one transaction every ``interval`` seconds. Nothing is dropped: when the
queue is full the request writes its own entries, a failed batch is tried again,
and ``close`` writes what is left. Reads stay consistent within the process: any
query on the log tables through the writer's session factory first waits for the
pending entries to be written (a session event), so a report asked for right after
a request sees it.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from content_store import activity
from content_store.db import transaction
from content_store.models import ObjectionLog, RecommendationLog

logger = logging.getLogger(__name__)

LOG_MODELS = frozenset({ObjectionLog, RecommendationLog})


@dataclass(frozen=True)
class LogEntry:
    """One recommendation request (optional) and the objections it logged."""

    recommendation: dict[str, Any] | None
    objections: Sequence[dict[str, Any]]


class LogWriter:
    """Batches log entries and writes them from a background thread (started on first use)."""

    def __init__(self, factory: sessionmaker[Session], *, interval: float = 0.5, max_pending: int = 5000) -> None:
        if interval <= 0:
            raise ValueError(f"interval must be positive, got {interval}")
        if max_pending < 1:
            raise ValueError(f"max_pending must be at least 1, got {max_pending}")
        self._factory = factory
        self._interval = interval
        self._max_pending = max_pending
        self._pending: list[LogEntry] = []
        self._lock = threading.Lock()
        self._writing = threading.RLock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False
        event.listen(factory, "do_orm_execute", self._before_read)
        atexit.register(self._at_exit)

    @property
    def pending(self) -> int:
        """Entries handed over and not written yet."""
        return len(self._pending)

    def submit(self, entry: LogEntry) -> None:
        """Hand an entry over; written within ``interval`` seconds (at once, here, when the queue is full)."""
        with self._lock:
            queued = not self._closed and len(self._pending) < self._max_pending
            if queued:
                self._pending.append(entry)
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="pitchwise-log-writer", daemon=True)
                    self._thread.start()
        if not queued:
            self._write([entry])

    def flush(self) -> None:
        """Write every entry handed over so far (including a batch the thread is writing) before returning."""
        with self._writing:
            self._write_pending()

    def close(self) -> None:
        """Write what is left and stop the thread; later entries are written at once by their requests."""
        with self._lock:
            self._closed = True
            thread, self._thread = self._thread, None
        self._wake.set()
        if thread is not None:
            thread.join(timeout=30)
        self.flush()
        event.remove(self._factory, "do_orm_execute", self._before_read)
        atexit.unregister(self._at_exit)

    def _run(self) -> None:
        while not self._closed:
            self._wake.wait(self._interval)
            try:
                with self._writing:
                    self._write_pending()
            except Exception:  # noqa: BLE001 - the batch is kept and tried again; the thread must live on
                logger.exception("writing the recommendation log failed; trying again")

    def _write_pending(self) -> None:
        """Write the queued entries (caller holds ``_writing``); on failure they go back to the front."""
        with self._lock:
            batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            self._write(batch)
        except Exception:
            with self._lock:
                self._pending[:0] = batch
            raise

    def _write(self, batch: Sequence[LogEntry]) -> None:
        recommendations = [entry.recommendation for entry in batch if entry.recommendation is not None]
        objections = [objection for entry in batch for objection in entry.objections]
        with transaction(self._factory) as session:
            activity.add_recommendations(session=session, entries=recommendations)
            activity.add_objections(session=session, entries=objections)

    def _before_read(self, state: ORMExecuteState) -> None:
        """Before a query on the log tables, write the pending entries (read-your-writes in this process)."""
        if not self._pending or not state.is_select:
            return
        if any(mapper.class_ in LOG_MODELS for mapper in state.all_mappers):
            self.flush()

    def _at_exit(self) -> None:
        try:
            self.flush()
        except Exception:  # noqa: BLE001 - the interpreter is going away; say what was lost
            logger.exception("%d log entries could not be written at exit", self.pending)
