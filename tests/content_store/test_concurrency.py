"""Concurrent writers of one asset never lose an update (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from content_store import assets
from content_store.db import make_engine, make_session_factory, run_migrations, transaction
from tests.content_store.factories import asset_fields
from tests.databases import DATABASES, database_url


@pytest.mark.parametrize("kind", DATABASES)
def test_concurrent_writes_to_one_asset_keep_every_version(kind: str, tmp_path: Path) -> None:
    engine = make_engine(database_url(kind, tmp_path))
    run_migrations(engine)
    factory = make_session_factory(engine)
    writers, rounds = 4, 5
    errors: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            for n in range(rounds):
                with transaction(factory) as session:
                    assets.upsert(
                        session=session,
                        external_id="contended",
                        fields=asset_fields(title=f"writer {writer} round {n}"),
                        content_hash=f"{writer}-{n}",
                        chunks=[],
                    )
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with factory() as session:
        final = assets.get(session=session, external_id="contended")
        assert final is not None and final.version == writers * rounds
        history = [v.version for v in assets.versions(session=session, asset_id=final.id)]
    assert sorted(history) == list(range(1, writers * rounds))
    engine.dispose()
