"""The CRM sidebar page and its feedback buttons."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import Response

from service.api.deps import RuntimeDep
from service.pages.session import CSRF_FIELD, RepPage, SameOriginPost, SidebarFetchGuard
from service.pages.templating import render
from service.pages.views.common import record_feedback
from service.pages.views.sidebar import prospect_form, sidebar_view

router = APIRouter(include_in_schema=False)

Field = Annotated[str | None, Query(max_length=300)]
ACTION_DONE = {
    "sent": "Logged as sent.",
    "helpful": "Thanks — marked helpful.",
    "not_helpful": "Thanks — marked not helpful.",
}


@router.get("/sidebar")
def sidebar(
    request: Request,
    runtime: RuntimeDep,
    session: RepPage,
    _: SidebarFetchGuard,
    industry: Field = None,
    title: Field = None,
    stage: Field = None,
    objections: Annotated[list[str] | None, Query(max_length=50)] = None,
) -> Response:
    """Recommendations for the prospect in the query (``?industry=&title=&stage=&objections=a|b``)."""
    view = sidebar_view(runtime, prospect_form(industry, title, stage, objections or []))
    return render(request, "sidebar.html", {"view": view}, session=session, status=422 if view.error else 200)


@router.post("/sidebar/feedback")
def sidebar_feedback(
    request: Request,
    runtime: RuntimeDep,
    session: RepPage,
    _: SameOriginPost,
    external_id: Annotated[str, Form(max_length=200)],
    action: Annotated[Literal["sent", "helpful", "not_helpful"], Form()],
    request_id: Annotated[str, Form(max_length=200)] = "",
    token: Annotated[str, Form(alias=CSRF_FIELD, max_length=200)] = "",
) -> Response:
    """Log "sent", "helpful" or "not helpful" for a recommendation (with its request_id)."""
    session.check_csrf(token)
    logged = record_feedback(runtime, external_id=external_id, action=action, request_id=request_id)
    context = {"message": ACTION_DONE[action], "external_id": logged.external_id}
    return render(request, "sidebar_done.html", context, session=session)
