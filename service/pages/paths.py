"""Which requests belong to the pages (HTML) and which to the API (JSON)."""

from __future__ import annotations

API_PREFIXES = ("/v1/", "/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/redoc")
SIDEBAR = "/sidebar"
STATIC = "/static/"


def is_page_path(path: str) -> bool:
    """True for the HTML pages, their static files and unknown paths outside the API."""
    return not (path == "/v1" or path.startswith(API_PREFIXES))


def is_sidebar_path(path: str) -> bool:
    """True for the CRM sidebar and its sign-in and feedback endpoints."""
    return path == SIDEBAR or path.startswith(SIDEBAR + "/")


def sign_in_path(path: str) -> str:
    """The sign-in page that serves ``path``: the sidebar has its own (its cookie is scoped to /sidebar)."""
    return f"{SIDEBAR}/sign-in" if is_sidebar_path(path) else "/sign-in"


def local_next(value: str | None, default: str = "/") -> str:
    """``value`` if it is a path on this site (never another host, so sign-in cannot redirect away)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    if any(ord(ch) < 32 for ch in value):
        return default
    return value
