"""``pitchwise backup`` and ``pitchwise restore``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from service.cli.app import app, console
from service.settings import Settings


@app.command("backup")
def backup_store(path: Annotated[Path, typer.Argument(help="Where to write the backup file.")]) -> None:
    """Back up the SQLite store while the service runs (PostgreSQL: use pg_dump)."""
    from service.backup import BackupError, backup

    try:
        size = backup(Settings(), path)
    except BackupError as e:
        console.print(f"[red]{e}[/red]")
        raise typer.Exit(2) from e
    console.print(f"Backed up {size:,} bytes to {path}")


@app.command("restore")
def restore_store(path: Annotated[Path, typer.Argument(help="A file written by `pitchwise backup`.")]) -> None:
    """Replace the SQLite store with a backup; stop the service first (PostgreSQL: use pg_restore)."""
    from service.backup import BackupError, restore

    try:
        restore(Settings(), path)
    except BackupError as e:
        console.print(f"[red]{e}[/red]")
        raise typer.Exit(2) from e
    console.print(f"Restored the store from {path}; the index is rebuilt at the next start")
