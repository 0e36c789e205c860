"""The marketing reports page and its CSV downloads (cookie-authenticated, same origin)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from service.api.deps import RuntimeDep
from service.library_health import presenters as health
from service.pages.session import MarketingPage
from service.pages.templating import render
from service.pages.views.library_health import library_health_view
from service.pages.views.reports import ReportWindow, reports_view
from service.reports import presenters

router = APIRouter(include_in_schema=False)


def report_window(
    days: Annotated[int, Query(ge=0, le=3650)] = 90, min_count: Annotated[int, Query(ge=1, le=100_000)] = 2
) -> ReportWindow:
    """The report window of the query string (``days=0`` is all time)."""
    return ReportWindow(days=days, min_count=min_count)


Window = Annotated[ReportWindow, Depends(report_window)]


def _csv(text: str, name: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/reports")
def reports_page(request: Request, runtime: RuntimeDep, session: MarketingPage, window: Window) -> Response:
    """Gap themes (bar chart, weekly trends), the coverage heatmap and content usage."""
    view = reports_view(runtime, window)
    return render(request, "reports.html", {"view": view, "nav": "reports"}, session=session)


@router.get("/reports/library-health")
def library_health_page(request: Request, runtime: RuntimeDep, session: MarketingPage, window: Window) -> Response:
    """The "Library health" tab: suspect tags with evidence, suggested tags, demand vs supply."""
    view = library_health_view(runtime, window)
    return render(request, "library_health.html", {"view": view, "nav": "reports"}, session=session)


@router.get("/reports/objection-gaps.csv")
def gaps_csv(runtime: RuntimeDep, _: MarketingPage, window: Window) -> Response:
    """The gap report as CSV."""
    since = window.since(dt.datetime.now(dt.UTC))
    return _csv(
        presenters.gaps_csv(presenters.gap_report(runtime, since, None, min_count=window.min_count)), "objection-gaps"
    )


@router.get("/reports/coverage.csv")
def coverage_csv(runtime: RuntimeDep, _: MarketingPage) -> Response:
    """The coverage report as CSV."""
    return _csv(presenters.coverage_csv(presenters.coverage_report(runtime)), "coverage")


@router.get("/reports/content-usage.csv")
def usage_csv(runtime: RuntimeDep, _: MarketingPage, window: Window) -> Response:
    """The content usage report as CSV."""
    since = window.since(dt.datetime.now(dt.UTC))
    return _csv(presenters.usage_csv(presenters.usage_report(runtime, since, None)), "content-usage")


@router.get("/reports/tag-health.csv")
def tag_health_csv(runtime: RuntimeDep, _: MarketingPage, window: Window) -> Response:
    """The library-health report as CSV."""
    since = window.since(dt.datetime.now(dt.UTC))
    return _csv(
        health.tag_health_csv(health.tag_health_out(runtime, since, None, min_count=window.min_count)), "tag-health"
    )
