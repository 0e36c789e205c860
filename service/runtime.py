"""The long-lived collaborators of a Pitchwise process, built once at start."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from content_store import personas as persona_store
from content_store.db import make_engine, make_session_factory, run_migrations, transaction
from content_store.log_writer import LogWriter
from indexing.chunking import Chunker
from indexing.embedder import Embedder
from indexing.library import Library
from indexing.sync import IndexSync
from personas.defaults import load_default_personas
from personas.models import Persona
from personas.resolver import TitleResolver
from personas.stages import StageMapper
from service.recommend.prior import FeedbackPriors
from service.settings import Settings

logger = logging.getLogger(__name__)


class _RequestCheck:
    """Whether the current request has compared the store's generation with the library's yet."""

    done = False


_request_check: ContextVar[_RequestCheck | None] = ContextVar("pitchwise_request_check", default=None)


def begin_request() -> None:
    """Mark the start of a request (call it in the request's own task, before any worker thread).

    Its first generation check, done while authenticating, is then shared by the read-only
    use cases of the same request, so a request makes one such database round trip.
    """
    _request_check.set(_RequestCheck())


class GenerationCache:
    """A bounded dict whose entries count only while the store generation they were read at is current."""

    def __init__(self, max_size: int = 10_000) -> None:
        if max_size < 1:
            raise ValueError(f"max_size must be at least 1, got {max_size}")
        self._max_size = max_size
        self._entries: dict[str, tuple[int, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, generation: int) -> Any | None:
        """The value stored under ``key`` at ``generation``, else None."""
        found = self._entries.get(key)
        return found[1] if found is not None and found[0] == generation else None

    def put(self, key: str, value: Any, generation: int) -> None:
        """Remember ``value`` as read at ``generation``."""
        with self._lock:
            if len(self._entries) >= self._max_size:
                self._entries.clear()
            self._entries[key] = (generation, value)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._entries.clear()


@dataclass
class Runtime:
    """Store, embedder, in-memory library and persona resolver of one process."""

    settings: Settings
    engine: Engine
    factory: sessionmaker[Session]
    embedder: Embedder
    library: Library
    sync: IndexSync
    stages: StageMapper
    priors: FeedbackPriors
    activity_log: LogWriter
    chunker: Chunker = field(default_factory=Chunker)
    resolver: TitleResolver | None = None
    # API key hash → principal, valid for the generation it was read at (revoking a key moves it on).
    principals: GenerationCache = field(default_factory=GenerationCache)
    personas: tuple[Persona, ...] = ()
    _persona_lock: threading.Lock = field(default_factory=threading.Lock)
    _personas_loaded: bool = False

    def refresh(self, *, reuse: bool = False) -> None:
        """Bring the library and personas up to the store's generation (one indexed read when nothing changed).

        With ``reuse``, a check already made in the same request (see ``begin_request``) is enough.
        """
        check = _request_check.get()
        if reuse and check is not None and check.done:
            return
        before = self.library.generation
        after = self.sync.refresh()
        if after != before:
            self.principals.clear()
        if after != before or not self._personas_loaded:
            self._load_personas()
            self._personas_loaded = True
        if check is not None:
            check.done = True

    def close(self) -> None:
        """Write the pending log entries, save the vector index file and release the database."""
        self.activity_log.close()
        self.sync.save()
        self.engine.dispose()

    def _load_personas(self) -> None:
        with self.factory() as session:
            rows = persona_store.list_(session=session)
            current = tuple(
                Persona(p.persona_id, p.name, p.description, tuple(p.example_titles), tuple(p.keywords)) for p in rows
            )
        with self._persona_lock:
            if current != self.personas or self.resolver is None:
                self.personas = current
                self.resolver = self._resolver(current)

    def _resolver(self, personas: tuple[Persona, ...]) -> TitleResolver | None:
        """A resolver over the personas (None when marketing has deleted them all)."""
        if not personas:
            return None
        threshold = self.settings.persona_threshold
        if threshold is None:
            return TitleResolver(personas, self.embedder.encode)
        return TitleResolver(personas, self.embedder.encode, threshold=threshold)

    def today(self) -> dt.date:
        """Today's date in UTC: expiry is judged against it on every request."""
        return dt.datetime.now(dt.UTC).date()


def seed_default_personas(factory: sessionmaker[Session]) -> int:
    """Load the default persona pack into an empty store; return how many personas this call added (0 when
    another replica or worker starting at the same moment added them first; personas it finds are kept)."""
    try:
        with transaction(factory) as session:
            if persona_store.list_(session=session):
                return 0
            added = 0
            for persona in load_default_personas():
                # On SQLite the rows of a replica that committed since the check above are visible here.
                if persona_store.get(session=session, persona_id=persona.persona_id) is not None:
                    continue
                persona_store.upsert(
                    session=session,
                    persona_id=persona.persona_id,
                    name=persona.name,
                    description=persona.description,
                    example_titles=persona.example_titles,
                    keywords=persona.keywords,
                )
                added += 1
            return added
    except IntegrityError:
        return 0


def build_runtime(settings: Settings, embedder: Embedder) -> Runtime:
    """Migrate the store, seed personas on first start, build the indexes from stored vectors."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.resolved_database_url)
    run_migrations(engine)
    factory = make_session_factory(engine)
    seed_default_personas(factory)
    library = Library(embedder.dimension)
    sync = IndexSync(factory, library, index_path=settings.index_path, model=embedder.name)
    sync.build()
    runtime = Runtime(
        settings=settings,
        engine=engine,
        factory=factory,
        embedder=embedder,
        library=library,
        sync=sync,
        stages=StageMapper(settings.crm_stage_map),
        priors=FeedbackPriors(factory),
        activity_log=LogWriter(factory),
    )
    runtime.refresh()
    return runtime
