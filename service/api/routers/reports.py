"""Marketing reports: objection gaps, coverage, content usage (JSON or CSV)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from service.api.deps import MarketingDep, RuntimeDep
from service.api.responses import AUTHED, errors
from service.errors import InvalidInput
from service.reports import presenters
from service.schemas.reports import CoverageOut, GapReport, UsageOut

router = APIRouter(prefix="/v1/reports", tags=["reports"], responses=errors(*AUTHED))

Format = Literal["json", "csv"]
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with ?format=csv"}
}


def _window(since: dt.datetime | None, until: dt.datetime | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    since, until = (d.replace(tzinfo=dt.UTC) if d and d.tzinfo is None else d for d in (since, until))
    if since and until and until <= since:
        raise InvalidInput("until must be after since", details={"since": since, "until": until})
    return since, until


def _csv(text: str, name: str) -> Response:
    return Response(text, media_type="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


@router.get("/objection-gaps", response_model=GapReport, responses=CSV_RESPONSE)
def objection_gaps(
    runtime: RuntimeDep,
    _: MarketingDep,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    min_count: Annotated[int, Query(ge=1, le=100_000)] = 2,
    format: Format = "json",
) -> GapReport | Response:
    """Themes of logged objections that the library does not answer well, most frequent first."""
    report = presenters.gap_report(runtime, *_window(since, until), min_count=min_count)
    return _csv(presenters.gaps_csv(report), "objection-gaps") if format == "csv" else report


@router.get("/coverage", response_model=CoverageOut, responses=CSV_RESPONSE)
def coverage(runtime: RuntimeDep, _: MarketingDep, format: Format = "json") -> CoverageOut | Response:
    """Published assets per persona × stage and per industry; empty and thin cells called out."""
    report = presenters.coverage_report(runtime)
    return _csv(presenters.coverage_csv(report), "coverage") if format == "csv" else report


@router.get("/content-usage", response_model=UsageOut, responses=CSV_RESPONSE)
def content_usage(
    runtime: RuntimeDep,
    _: MarketingDep,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    format: Format = "json",
) -> UsageOut | Response:
    """Per asset: recommended, sent, opened, helpful, not helpful, deals won and lost, won revenue."""
    report = presenters.usage_report(runtime, *_window(since, until))
    return _csv(presenters.usage_csv(report), "content-usage") if format == "csv" else report
