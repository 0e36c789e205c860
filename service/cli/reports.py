"""``pitchwise report gaps|coverage|usage|tag-health``: the marketing reports as terminal tables."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from service.cli.app import app, console, load_runtime
from service.schemas.library_health import EvidenceOut, TagHealthOut
from service.schemas.reports import CoverageOut, GapReport, UsageOut
from service.settings import Settings


class ReportName(StrEnum):
    """The reports the terminal can show."""

    gaps = "gaps"
    coverage = "coverage"
    usage = "usage"
    tag_health = "tag-health"


@app.command("report")
def report(
    name: Annotated[ReportName, typer.Argument(help="gaps, coverage, usage or tag-health.")],
    since: Annotated[dt.datetime | None, typer.Option(help="Start of the window (gaps, usage, tag-health).")] = None,
    until: Annotated[dt.datetime | None, typer.Option(help="End of the window (gaps, usage, tag-health).")] = None,
    min_count: Annotated[int, typer.Option(help="Smallest theme shown (gaps, tag-health).")] = 2,
) -> None:
    """Print a marketing report from the configured store."""
    from service.library_health import presenters as health
    from service.reports import presenters

    runtime = load_runtime(Settings())
    if name is ReportName.gaps:
        print_gaps(presenters.gap_report(runtime, since, until, min_count=min_count))
    elif name is ReportName.coverage:
        print_coverage(presenters.coverage_report(runtime))
    elif name is ReportName.tag_health:
        print_tag_health(health.tag_health_out(runtime, since, until, min_count=min_count))
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


def _evidence(evidence: EvidenceOut) -> str:
    where = f" (page {evidence.page})" if evidence.page is not None else ""
    text = escape(evidence.text)
    return f"“{text}”{where}" if evidence.kind == "passage" else f"{text} (usage)"


def _asset(external_id: str, title: str) -> str:
    return escape(f"{external_id} {title[:40]}")


SUPPLY_STATUS = {
    "no_answer": "[bold red]no answer[/]",
    "not_sent": "[yellow]answer not sent[/]",
    "in_use": "[green]in use[/]",
}


def print_tag_health(result: TagHealthOut) -> None:
    """Suspect tags (most confident first), suggested tags, and demand vs supply of objection themes."""
    suspects = Table(title=f"Suspect tags ({result.assets_checked} assets checked)")
    for column in ("asset", "field", "tag", "confidence", "reason", "evidence", "instead"):
        suspects.add_column(column, justify="right" if column == "confidence" else "left")
    for s in result.suspects:
        suspects.add_row(
            _asset(s.external_id, s.title),
            s.field,
            escape(s.value),
            f"{s.confidence:.0%}",
            escape(s.reason),
            _evidence(s.evidence),
            escape(s.instead or "—"),
        )
    console.print(suspects if result.suspects else "No suspect tags: every tag agrees with its asset's text.")
    suggestions = Table(title="Suggested tags (never applied by themselves)")
    for column in ("asset", "field", "tag", "confidence", "evidence"):
        suggestions.add_column(column, justify="right" if column == "confidence" else "left")
    for g in result.suggestions:
        suggestions.add_row(
            _asset(g.external_id, g.title), g.field, escape(g.value), f"{g.confidence:.0%}", _evidence(g.evidence)
        )
    console.print(suggestions if result.suggestions else "No tag suggestions.")
    demand = Table(title="Demand vs supply of objection answers")
    for column in ("theme", "count", "answered", "answered by (recommended/sent/helpful)", "status"):
        demand.add_column(column, justify="right" if column in ("count", "answered") else "left")
    for t in result.demand:
        assets = "\n".join(
            escape(f"{a.external_id} ({a.confidence:.0%}) {a.recommended}/{a.sent}/{a.helpful}") for a in t.assets
        )
        demand.add_row(escape(t.label), str(t.count), f"{t.answered_share:.0%}", assets or "—", SUPPLY_STATUS[t.status])
    console.print(demand if result.demand else "No objection theme was heard often enough in this window.")
