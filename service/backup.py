"""Online backup and restore of the embedded SQLite store (PostgreSQL: pg_dump / pg_restore, see README)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from service.settings import Settings


class BackupError(ValueError):
    """The store cannot be backed up or restored this way."""


def sqlite_path(settings: Settings) -> Path:
    """The SQLite file of the configured store (BackupError for other databases)."""
    url = settings.resolved_database_url
    if not url.startswith("sqlite:///"):
        raise BackupError("backup and restore work on the SQLite store; for PostgreSQL use pg_dump and pg_restore")
    return Path(url.removeprefix("sqlite:///"))


def backup(settings: Settings, target: Path) -> int:
    """Copy the live store to ``target`` with SQLite's online backup (safe while the service runs)."""
    source_path = sqlite_path(settings)
    if not source_path.exists():
        raise BackupError(f"there is no store at {source_path}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".partial")
    with sqlite3.connect(source_path) as source, sqlite3.connect(partial) as copy:
        source.backup(copy)
    partial.replace(target)
    return target.stat().st_size


def restore(settings: Settings, source: Path) -> None:
    """Replace the store with a backup (stop the service first); the index cache is rebuilt at next start."""
    target = sqlite_path(settings)
    if not source.exists():
        raise BackupError(f"there is no backup at {source}")
    with sqlite3.connect(source) as check:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{source} is damaged")
        tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"assets", "chunks", "store_meta"} <= tables:
        raise BackupError(f"{source} is not a Pitchwise store")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as backup_db, sqlite3.connect(target) as live:
        backup_db.backup(live)
    index = settings.index_path
    for stale in (index, index.with_suffix(".json")):
        stale.unlink(missing_ok=True)
