"""Marketing reports: objection gaps, coverage, content usage (JSON or CSV)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Response

from service.api.deps import MarketingDep, RuntimeDep
from service.api.reporting import CSV_RESPONSE, Format, MinCount, csv_response, report_window
from service.api.responses import AUTHED, errors
from service.reports import presenters
from service.schemas.reports import CoverageOut, GapReport, UsageOut

router = APIRouter(prefix="/v1/reports", tags=["reports"], responses=errors(*AUTHED))


@router.get("/objection-gaps", response_model=GapReport, responses=CSV_RESPONSE)
def objection_gaps(
    runtime: RuntimeDep,
    _: MarketingDep,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    min_count: MinCount = 2,
    format: Format = "json",
) -> GapReport | Response:
    """Themes of logged objections that the library does not answer well, most frequent first."""
    report = presenters.gap_report(runtime, *report_window(since, until), min_count=min_count)
    return csv_response(presenters.gaps_csv(report), "objection-gaps") if format == "csv" else report


@router.get("/coverage", response_model=CoverageOut, responses=CSV_RESPONSE)
def coverage(runtime: RuntimeDep, _: MarketingDep, format: Format = "json") -> CoverageOut | Response:
    """Published assets per persona × stage and per industry; empty and thin cells called out."""
    report = presenters.coverage_report(runtime)
    return csv_response(presenters.coverage_csv(report), "coverage") if format == "csv" else report


@router.get("/content-usage", response_model=UsageOut, responses=CSV_RESPONSE)
def content_usage(
    runtime: RuntimeDep,
    _: MarketingDep,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    format: Format = "json",
) -> UsageOut | Response:
    """Per asset: recommended, sent, opened, helpful, not helpful, deals won and lost, won revenue."""
    report = presenters.usage_report(runtime, *report_window(since, until))
    return csv_response(presenters.usage_csv(report), "content-usage") if format == "csv" else report
