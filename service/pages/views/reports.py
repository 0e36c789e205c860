"""The marketing reports page: gap themes with charts, the coverage heatmap and content usage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from service.pages.charts import BarChart, Sparkline, bar_chart, heat_level, sparkline
from service.pages.views.common import STAGE_LABELS, content_type_label, persona_names
from service.reports.presenters import coverage_report, gap_report, usage_report
from service.runtime import Runtime
from service.schemas.reports import AssetUsageOut, CoverageOut, GapReport, GapThemeOut, UsageOut

WINDOWS = {30: "Last 30 days", 90: "Last 90 days", 365: "Last 12 months", 0: "All time"}
CHART_THEMES = 12


@dataclass(frozen=True)
class ReportWindow:
    """The time window of the gap and usage reports (``days`` 0 means all time)."""

    days: int
    min_count: int

    def since(self, now: dt.datetime) -> dt.datetime | None:
        """Start of the window, or None for all time."""
        return now - dt.timedelta(days=self.days) if self.days else None

    @property
    def label(self) -> str:
        """How the window reads on the page."""
        return WINDOWS.get(self.days, f"Last {self.days} days")


@dataclass(frozen=True)
class GapRow:
    """A gap theme with its trend line."""

    theme: GapThemeOut
    trend: Sparkline
    personas: list[tuple[str, int]]
    stages: list[tuple[str, int]]


@dataclass(frozen=True)
class HeatCell:
    """One persona × stage cell of the heatmap."""

    stage: str
    specific: int
    generic: int
    status: str
    level: int

    @property
    def total(self) -> int:
        """Assets serving the cell."""
        return self.specific + self.generic


@dataclass(frozen=True)
class HeatRow:
    """One persona's row of the heatmap."""

    persona: str
    cells: list[HeatCell]


@dataclass(frozen=True)
class UsageRow:
    """One asset's usage, with a readable content type."""

    usage: AssetUsageOut
    type_label: str


@dataclass(frozen=True)
class ReportsView:
    """Everything the reports page shows."""

    window: ReportWindow
    windows: dict[int, str]
    gaps: GapReport
    gap_rows: list[GapRow]
    chart: BarChart
    coverage: CoverageOut
    stages: list[tuple[str, str]]
    heatmap: list[HeatRow]
    usage: UsageOut
    usage_rows: list[UsageRow]
    never_recommended: list[tuple[str, str]]


def _heatmap(coverage: CoverageOut, names: dict[str, str]) -> list[HeatRow]:
    peak = max((c.specific + c.generic for c in coverage.cells), default=0)
    by_key = {(c.persona_id, c.stage): c for c in coverage.cells}
    rows = []
    for persona_id in coverage.personas:
        cells = []
        for stage in coverage.stages:
            cell = by_key.get((persona_id, stage))
            specific, generic = (cell.specific, cell.generic) if cell else (0, 0)
            status = cell.status if cell else "empty"
            cells.append(HeatCell(stage, specific, generic, status, heat_level(specific + generic, peak)))
        rows.append(HeatRow(names.get(persona_id, persona_id), cells))
    return rows


def reports_view(runtime: Runtime, window: ReportWindow, *, now: dt.datetime | None = None) -> ReportsView:
    """Build the three reports over the window, with chart geometry."""
    since = window.since(now or dt.datetime.now(dt.UTC))
    gaps = gap_report(runtime, since, None, min_count=window.min_count)
    names = persona_names(runtime)
    coverage = coverage_report(runtime)
    usage = usage_report(runtime, since, None)
    used = [a for a in usage.assets if a.recommended or a.sent or a.opened or a.helpful or a.not_helpful]
    ranked = sorted(used, key=lambda a: (-a.recommended, -a.sent, a.title.casefold()))
    titles = {a.external_id: a.title for a in usage.assets}
    return ReportsView(
        window=window,
        windows=WINDOWS,
        gaps=gaps,
        gap_rows=[
            GapRow(
                theme=g,
                trend=sparkline([w.count for w in g.weekly]),
                personas=sorted(((names.get(p, p), n) for p, n in g.by_persona.items()), key=lambda x: -x[1]),
                stages=sorted(g.by_stage.items(), key=lambda x: -x[1]),
            )
            for g in gaps.gaps
        ],
        chart=bar_chart([(g.label, g.count, g.new) for g in gaps.gaps[:CHART_THEMES]]),
        coverage=coverage,
        stages=[(s, STAGE_LABELS.get(s, s)) for s in coverage.stages],
        heatmap=_heatmap(coverage, names),
        usage=usage,
        usage_rows=[UsageRow(a, content_type_label(a.content_type)) for a in ranked],
        never_recommended=sorted(
            ((e, titles.get(e, e)) for e in usage.never_recommended), key=lambda item: item[1].casefold()
        ),
    )
