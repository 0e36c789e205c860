"""``pitchwise import`` and ``pitchwise export``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from service.cli.app import app, console, load_runtime
from service.runtime import Runtime
from service.settings import Settings


class RateColumn(ProgressColumn):
    """Assets per second."""

    def render(self, task: Task) -> Text:
        """The current (or final) rate."""
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} assets/s" if speed else "– assets/s", style="progress.data.speed")


@app.command("import")
def import_library(
    path: Annotated[Path, typer.Argument(help="A CSV/JSON/JSONL/YAML file of assets, or a folder of documents.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check everything and report; write nothing.")] = False,
) -> None:
    """Create or update assets by external_id; only changed passages are embedded again."""
    from service.transfer import ImportSourceError, import_items
    from service.usecases.assets import upsert_many

    runtime = load_runtime(Settings())
    try:
        items = import_items(runtime, path)
    except ImportSourceError as e:
        console.print(f"[red]{e}[/red]")
        raise typer.Exit(2) from e
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("Checking" if dry_run else "Importing", total=len(items))
        result = upsert_many(runtime, items, dry_run=dry_run, on_progress=lambda n: progress.advance(task, n))
    table = Table(title=("Dry run: nothing was written" if dry_run else "Import finished"))
    for column in ("created", "updated", "unchanged", "failed"):
        table.add_column(column, justify="right")
    table.add_row(str(result.created), str(result.updated), str(result.unchanged), str(len(result.errors)))
    console.print(table)
    for error in result.errors:
        console.print(f"[red]#{error.index} {error.external_id or ''}[/red]: {error.error}")
    if not dry_run:
        failed = {error.index for error in result.errors}
        print_tag_health_summary(runtime, [_external_id(item.raw) for i, item in enumerate(items) if i not in failed])
    runtime.engine.dispose()
    if result.errors:
        raise typer.Exit(1)


def _external_id(raw: object) -> str:
    value = raw.get("external_id") if isinstance(raw, dict) else None
    return value.strip() if isinstance(value, str) else ""


def print_tag_health_summary(runtime: Runtime, external_ids: list[str]) -> None:
    """How many of the imported assets have suspect tags or tag suggestions, and where to see them."""
    from service.library_health.presenters import flagged_assets

    flagged = flagged_assets(runtime, external_ids)
    if not flagged:
        console.print("Library health: no suspect tags or tag suggestions for the imported assets.")
        return
    suspects = sum(1 for health in flagged if health.suspects)
    suggested = sum(1 for health in flagged if health.suggestions)
    console.print(
        f"Library health: {len(flagged)} of {len(external_ids)} imported assets need a look — {suspects} with "
        f"suspect tags, {suggested} with tag suggestions. See [bold]pitchwise report tag-health[/bold]; "
        "no tag was changed."
    )


@app.command("export")
def export_library(
    path: Annotated[Path, typer.Argument(help="The JSONL file to write.")],
) -> None:
    """Write every asset as JSONL that ``pitchwise import`` reads back identically."""
    from service.transfer import export_records

    runtime = load_runtime(Settings())
    lines = [json.dumps(record, ensure_ascii=False) for record in export_records(runtime)]
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    console.print(f"Exported {len(lines)} assets to {path}")
    runtime.engine.dispose()
