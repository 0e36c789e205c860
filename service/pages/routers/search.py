"""The rep search page, its live results fragment and the asset page."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from service.api.deps import RuntimeDep
from service.pages.session import CSRF_FIELD, RepPage, SameOriginPost
from service.pages.templating import render
from service.pages.views.common import record_feedback
from service.pages.views.search import asset_view, search_filters, search_view
from service.search import SearchFilters

router = APIRouter(include_in_schema=False)

DONE = {
    "sent": "Marked as sent. Thanks — marketing sees what gets used.",
    "opened": "Logged. Copy the link from the box below.",
}


def filters_from_query(
    persona: Annotated[str | None, Query(max_length=64)] = None,
    stage: Annotated[str | None, Query(max_length=100)] = None,
    industry: Annotated[str | None, Query(max_length=200)] = None,
    content_type: Annotated[str | None, Query(max_length=40)] = None,
) -> SearchFilters:
    """The search filters of the query string (blank means any)."""
    return search_filters(persona, stage, industry, content_type)


Filters = Annotated[SearchFilters, Depends(filters_from_query)]
QueryText = Annotated[str, Query(max_length=500)]
ExternalId = Annotated[str, Path(max_length=200)]


@router.get("/")
def search_page(
    request: Request, runtime: RuntimeDep, session: RepPage, filters: Filters, q: QueryText = ""
) -> Response:
    """The search page: a GET form that works without scripts, with results as you type when they run."""
    view = search_view(runtime, q, filters)
    return render(request, "search.html", {"view": view, "nav": "search"}, session=session)


@router.get("/search/results")
def search_results(
    request: Request, runtime: RuntimeDep, session: RepPage, filters: Filters, q: QueryText = ""
) -> Response:
    """Just the result list, for the page's script to swap in while the rep types."""
    view = search_view(runtime, q, filters, with_options=False)
    return render(request, "_results.html", {"view": view}, session=session)


@router.get("/assets/{external_id}")
def asset_page(
    request: Request,
    runtime: RuntimeDep,
    session: RepPage,
    external_id: ExternalId,
    done: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """One asset: body, marketing's usage notes, guidance, and copy-link / mark-as-sent actions."""
    view = asset_view(runtime, external_id)
    return render(request, "asset.html", {"view": view, "done": DONE.get(done or "")}, session=session)


@router.post("/assets/{external_id}/feedback")
def asset_feedback(
    runtime: RuntimeDep,
    session: RepPage,
    _: SameOriginPost,
    external_id: ExternalId,
    action: Annotated[Literal["sent", "opened", "helpful", "not_helpful"], Form()],
    token: Annotated[str, Form(alias=CSRF_FIELD, max_length=200)] = "",
) -> Response:
    """Log "copy link" (opened) or "mark as sent", then back to the asset page."""
    session.check_csrf(token)
    record_feedback(runtime, external_id=external_id, action=action, request_id=None)
    return RedirectResponse(f"/assets/{external_id}?done={action}", status_code=303)
