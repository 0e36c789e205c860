"""The databases tests run against: SQLite always, PostgreSQL when PITCHWISE_TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

POSTGRES_URL = os.environ.get("PITCHWISE_TEST_DATABASE_URL")

DATABASES = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not POSTGRES_URL, reason="PITCHWISE_TEST_DATABASE_URL is not set"),
        ],
    ),
]


def database_url(kind: str, folder: Path) -> str:
    """A fresh, empty database of the given kind (PostgreSQL: its public schema is wiped)."""
    if kind == "sqlite":
        return f"sqlite:///{folder / 'test.db'}"
    assert POSTGRES_URL
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return POSTGRES_URL
