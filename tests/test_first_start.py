"""Replicas or workers starting together on a new store: the default personas are seeded once, and a
replica that loses the race starts anyway (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from content_store import personas as persona_store
from content_store.db import make_engine, make_session_factory, run_migrations, transaction
from personas.defaults import load_default_personas
from service import runtime
from tests.databases import DATABASES, database_url


@pytest.mark.parametrize("kind", DATABASES)
def test_a_replica_that_seeds_second_finds_the_personas_and_starts(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(database_url(kind, tmp_path))
    run_migrations(engine)
    factory = make_session_factory(engine)
    defaults = len(load_default_personas())
    assert runtime.seed_default_personas(factory) == defaults
    # The second replica looked before the first committed: it saw an empty store and inserts the same ids.
    monkeypatch.setattr(persona_store, "list_", lambda *, session: [])
    monkeypatch.setattr(persona_store, "get", lambda *, session, persona_id: None)
    assert runtime.seed_default_personas(factory) == 0
    monkeypatch.undo()
    with transaction(factory) as session:
        assert len(persona_store.list_(session=session)) == defaults
    engine.dispose()


@pytest.mark.parametrize("kind", DATABASES)
def test_replicas_seeding_at_once_add_the_pack_once(kind: str, tmp_path: Path) -> None:
    engine = make_engine(database_url(kind, tmp_path))
    run_migrations(engine)
    factory = make_session_factory(engine)
    start = threading.Barrier(4, timeout=30)
    added: list[int] = []
    errors: list[BaseException] = []

    def seed() -> None:
        start.wait()
        try:
            added.append(runtime.seed_default_personas(factory))
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    threads = [threading.Thread(target=seed) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    # One replica loads the pack; on SQLite one that raced it may also count a persona it wrote first.
    assert max(added) == len(load_default_personas())
    with transaction(factory) as session:
        assert len(persona_store.list_(session=session)) == len(load_default_personas())
    engine.dispose()
