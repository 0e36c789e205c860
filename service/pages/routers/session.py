"""Signing in and out of the pages, and of the CRM sidebar (its own cookie, made for iframes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from service.api.deps import RuntimeDep
from service.pages.paths import local_next
from service.pages.session import (
    CSRF_FIELD,
    OptionalSession,
    SameOriginPost,
    clear_session_cookie,
    set_session_cookie,
)
from service.pages.templating import render
from service.usecases.keys import authenticate

router = APIRouter(include_in_schema=False)

KeyField = Annotated[str, Form(max_length=500)]
NextField = Annotated[str, Form(alias="next", max_length=2000)]
CsrfField = Annotated[str, Form(alias=CSRF_FIELD, max_length=200)]


def _form(request: Request, *, sidebar: bool, next_path: str, error: str | None = None, status: int = 200) -> Response:
    context = {
        "sidebar": sidebar,
        "next": next_path,
        "error": error,
        "action": "/sidebar/sign-in" if sidebar else "/sign-in",
    }
    return render(request, "sign_in.html", context, status=status)


def _sign_in(request: Request, runtime: RuntimeDep, key: str, next_path: str, *, sidebar: bool) -> Response:
    secret = key.strip()
    default = "/sidebar" if sidebar else "/"
    target = local_next(next_path, default)
    if not secret or authenticate(runtime, secret) is None:
        error = "That key is not valid or has been revoked. Check it and try again."
        return _form(request, sidebar=sidebar, next_path=target, error=error, status=401)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, secret, sidebar=sidebar)
    return response


def _sign_out(request: Request, session: OptionalSession, token: str, *, sidebar: bool) -> Response:
    if session is not None:
        session.check_csrf(token)
    response = RedirectResponse("/sidebar/sign-in" if sidebar else "/sign-in", status_code=303)
    clear_session_cookie(response, request, sidebar=sidebar)
    return response


@router.get("/sign-in")
def sign_in_page(request: Request, next_path: Annotated[str, Query(alias="next", max_length=2000)] = "/") -> Response:
    """The sign-in form of the search and reports pages."""
    return _form(request, sidebar=False, next_path=local_next(next_path))


@router.post("/sign-in")
def sign_in(
    request: Request, runtime: RuntimeDep, _: SameOriginPost, key: KeyField = "", next_path: NextField = "/"
) -> Response:
    """Check the key and keep it in an HttpOnly, SameSite=Lax session cookie."""
    return _sign_in(request, runtime, key, next_path, sidebar=False)


@router.post("/sign-out")
def sign_out(request: Request, session: OptionalSession, _: SameOriginPost, token: CsrfField = "") -> Response:
    """Forget the session cookie."""
    return _sign_out(request, session, token, sidebar=False)


@router.get("/sidebar/sign-in")
def sidebar_sign_in_page(
    request: Request, next_path: Annotated[str, Query(alias="next", max_length=2000)] = "/sidebar"
) -> Response:
    """The sidebar's own sign-in form, shown once inside the CRM iframe."""
    return _form(request, sidebar=True, next_path=local_next(next_path, "/sidebar"))


@router.post("/sidebar/sign-in")
def sidebar_sign_in(
    request: Request, runtime: RuntimeDep, _: SameOriginPost, key: KeyField = "", next_path: NextField = "/sidebar"
) -> Response:
    """Check the key and keep it in the sidebar's partitioned cookie (scoped to /sidebar)."""
    return _sign_in(request, runtime, key, next_path, sidebar=True)


@router.post("/sidebar/sign-out")
def sidebar_sign_out(request: Request, session: OptionalSession, _: SameOriginPost, token: CsrfField = "") -> Response:
    """Forget the sidebar cookie."""
    return _sign_out(request, session, token, sidebar=True)
