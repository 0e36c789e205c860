"""Errors on pages render as HTML (401 → the sign-in page); the API keeps its JSON error shape.

The app has one handler per exception type; this wraps each so a page request
gets a friendly HTML page and every other request the contract's JSON.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse, Response

from service.errors import PitchwiseError
from service.pages.paths import is_page_path, is_sidebar_path, sign_in_path
from service.pages.session import clear_session_cookie
from service.pages.templating import render

logger = logging.getLogger(__name__)

TITLES = {
    400: "That request didn't work",
    403: "You don't have access to this",
    404: "We couldn't find that",
    405: "That doesn't work here",
    413: "That's too much at once",
    422: "Please check what you entered",
    500: "Something went wrong on our side",
    503: "Pitchwise isn't ready yet",
}
MESSAGES = {
    404: "The page or asset you asked for doesn't exist, or it has been deleted.",
    405: "This address doesn't accept that kind of request.",
    500: "Please try again in a moment. If it keeps happening, tell your Pitchwise admin.",
}


def _status_and_message(exc: Exception) -> tuple[int, str]:
    if isinstance(exc, PitchwiseError):
        return exc.status, exc.message
    if isinstance(exc, RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "form"))
        return 422, f"{where}: {first.get('msg', '')}" if where else str(first.get("msg", ""))
    if isinstance(exc, StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else ""
        return exc.status_code, MESSAGES.get(exc.status_code, detail)
    if isinstance(exc, OperationalError):
        return 503, "The database is not reachable right now; try again shortly."
    logger.exception("unexpected error on a page", exc_info=exc)
    return 500, MESSAGES[500]


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def page_error(request: Request, exc: Exception) -> Response:
    """The HTML answer to an error on a page: a redirect to sign in for 401, else a friendly page."""
    status, message = _status_and_message(exc)
    path = request.url.path
    if status == 401:
        page = "/" if path == "/search/results" else path  # the live results fragment belongs to the search page
        here = page + (f"?{request.url.query}" if request.url.query else "")
        target = here if request.method == "GET" else ("/sidebar" if is_sidebar_path(path) else "/")
        response = RedirectResponse(f"{sign_in_path(path)}?{urlencode({'next': target})}", status_code=303)
        clear_session_cookie(response, request, sidebar=is_sidebar_path(path))
        return response
    context = {
        "status": status,
        "title": TITLES.get(status, "That request didn't work"),
        "message": _sentence(message or MESSAGES.get(status, "")),
        "here": path,
        "sidebar": is_sidebar_path(path),
        "csrf": getattr(exc, "code", "") == "csrf_rejected",
    }
    return render(request, "error.html", context, status=status)


def _for_pages(handler: Callable[..., Any]) -> Callable[[Request, Exception], Any]:
    async def handle(request: Request, exc: Exception) -> Any:
        if request.scope.get("type") == "http" and is_page_path(request.url.path):
            return page_error(request, exc)
        result = handler(request, exc)
        return await result if inspect.isawaitable(result) else result

    return handle


def install_page_errors(app: FastAPI) -> None:
    """Wrap every registered error handler so page requests get HTML; call after the API's handlers."""
    for exc_class, handler in list(app.exception_handlers.items()):
        if exc_class in (PitchwiseError, RequestValidationError, StarletteHTTPException, OperationalError, Exception):
            app.add_exception_handler(exc_class, _for_pages(handler))
