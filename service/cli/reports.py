"""``pitchwise report gaps|coverage|usage``: the marketing reports as terminal tables."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from service.cli.app import app, console, load_runtime
from service.schemas.reports import CoverageOut, GapReport, UsageOut
from service.settings import Settings


class ReportName(StrEnum):
    """The reports the terminal can show."""

    gaps = "gaps"
    coverage = "coverage"
    usage = "usage"


@app.command("report")
def report(
    name: Annotated[ReportName, typer.Argument(help="gaps, coverage or usage.")],
    since: Annotated[dt.datetime | None, typer.Option(help="Start of the window (gaps, usage).")] = None,
    until: Annotated[dt.datetime | None, typer.Option(help="End of the window (gaps, usage).")] = None,
    min_count: Annotated[int, typer.Option(help="Smallest theme shown (gaps).")] = 2,
) -> None:
    """Print a marketing report from the configured store."""
    from service.reports import presenters

    runtime = load_runtime(Settings())
    if name is ReportName.gaps:
        print_gaps(presenters.gap_report(runtime, since, until, min_count=min_count))
    elif name is ReportName.coverage:
        print_coverage(presenters.coverage_report(runtime))
    else:
        print_usage(presenters.usage_report(runtime, since, until))
    runtime.engine.dispose()


def print_gaps(result: GapReport) -> None:
    """Unanswered objection themes, most frequent first."""
    table = Table(title="Objections the library does not answer")
    for column in ("theme", "count", "new", "examples", "closest asset"):
        table.add_column(column)
    for gap in result.gaps:
        closest = f"{gap.best_asset.external_id} ({gap.best_asset.confidence:.0%})" if gap.best_asset else "—"
        table.add_row(gap.label, str(gap.count), "yes" if gap.new else "", "\n".join(gap.examples[:3]), closest)
    console.print(table if result.gaps else "No unanswered objection themes in this window.")


def print_coverage(result: CoverageOut) -> None:
    """Persona × stage matrix: assets written for the cell (+ generic ones), empty and thin cells marked."""
    table = Table(title=f"Coverage of {result.live_assets} live assets (specific + generic)")
    table.add_column("persona")
    for stage in result.stages:
        table.add_column(stage, justify="right")
    cells = {(c.persona_id, c.stage): c for c in result.cells}
    style = {"empty": "bold red", "thin": "yellow", "ok": "default"}
    for persona_id in result.personas:
        row = [cells[(persona_id, stage)] for stage in result.stages]
        table.add_row(persona_id, *(f"[{style[c.status]}]{c.specific} + {c.generic}[/]" for c in row))
    console.print(table)
    console.print("Industries: " + ", ".join(f"{name} {count}" for name, count in result.industries.items()))


def print_usage(result: UsageOut) -> None:
    """Per asset usage, most recommended first."""
    columns = ("asset", "recommended", "sent", "opened", "helpful", "not helpful", "won", "lost", "won revenue")
    table = Table(title=f"Content usage ({result.in_use_share:.0%} of the live library in use)")
    for column in columns:
        table.add_column(column, justify="left" if column == "asset" else "right")
    for a in result.assets:
        table.add_row(
            f"{a.external_id} {a.title[:40]}",
            *(str(v) for v in (a.recommended, a.sent, a.opened, a.helpful, a.not_helpful, a.deals_won, a.deals_lost)),
            f"{a.won_revenue:,.0f}",
        )
    console.print(table)
    console.print(f"Never recommended: {len(result.never_recommended)}; never sent: {len(result.never_sent)}")
