"""Turn report results into response schemas and CSV."""

from __future__ import annotations

import datetime as dt

from service.reports.coverage import coverage
from service.reports.export import to_csv
from service.reports.gaps import objection_gaps
from service.reports.usage import content_usage
from service.runtime import Runtime
from service.schemas.reports import (
    AssetUsageOut,
    BestAsset,
    CoverageCell,
    CoverageOut,
    GapReport,
    GapThemeOut,
    UsageOut,
    WeeklyCount,
)


def gap_report(runtime: Runtime, since: dt.datetime | None, until: dt.datetime | None, *, min_count: int) -> GapReport:
    """The objection gap report."""
    themes = objection_gaps(runtime, since=since, until=until, min_count=min_count)
    return GapReport(
        gaps=[
            GapThemeOut(
                label=t.label,
                count=t.count,
                examples=t.examples,
                best_asset=BestAsset(external_id=t.best_asset[0], confidence=t.best_asset[1]) if t.best_asset else None,
                by_persona=t.by_persona,
                by_stage=t.by_stage,
                by_industry=t.by_industry,
                weekly=[WeeklyCount(week_start=w, count=c) for w, c in t.weekly],
                first_seen=t.first_seen,
                new=t.new,
                missing_terms=t.missing_terms,
            )
            for t in themes
        ]
    )


def gaps_csv(report: GapReport) -> str:
    """One row per theme."""
    columns = [
        "label",
        "count",
        "new",
        "examples",
        "best_asset",
        "best_confidence",
        "by_persona",
        "by_stage",
        "by_industry",
    ]
    return to_csv(
        columns,
        (
            [
                g.label,
                g.count,
                g.new,
                " | ".join(g.examples),
                g.best_asset.external_id if g.best_asset else "",
                g.best_asset.confidence if g.best_asset else "",
                g.by_persona,
                g.by_stage,
                g.by_industry,
            ]
            for g in report.gaps
        ),
    )


def coverage_report(runtime: Runtime) -> CoverageOut:
    """The coverage report."""
    result = coverage(runtime)
    cells = [
        CoverageCell(persona_id=c.persona_id, stage=c.stage, specific=c.specific, generic=c.generic, status=c.status)
        for c in result.cells
    ]
    return CoverageOut(
        personas=result.personas,
        stages=result.stages,
        cells=cells,
        empty_cells=[c for c in cells if c.status == "empty"],
        thin_cells=[c for c in cells if c.status == "thin"],
        industries=result.industries,
        live_assets=result.live_assets,
    )


def coverage_csv(report: CoverageOut) -> str:
    """One row per persona × stage cell."""
    return to_csv(
        ["persona_id", "stage", "specific", "generic", "status"],
        ([c.persona_id, c.stage, c.specific, c.generic, c.status] for c in report.cells),
    )


def usage_report(runtime: Runtime, since: dt.datetime | None, until: dt.datetime | None) -> UsageOut:
    """The content usage report."""
    result = content_usage(runtime, since=since, until=until)
    return UsageOut(
        assets=[AssetUsageOut.model_validate(a, from_attributes=True) for a in result.assets],
        never_recommended=result.never_recommended,
        never_sent=result.never_sent,
        in_use_share=round(result.in_use_share, 4),
    )


USAGE_COLUMNS = list(AssetUsageOut.model_fields)


def usage_csv(report: UsageOut) -> str:
    """One row per asset."""
    return to_csv(USAGE_COLUMNS, ([getattr(a, c) for c in USAGE_COLUMNS] for a in report.assets))
