"""Server-rendered pages: rep search, asset page, CRM sidebar and marketing reports.

``mount_pages`` adds the routers and the static files; ``install_page_errors``
makes errors on pages HTML; ``PageSecurityHeaders`` sets CSP and framing rules.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from service.pages.errors import install_page_errors
from service.pages.routers import reports, search, session, sidebar
from service.pages.security import PageSecurityHeaders

STATIC_DIR = Path(__file__).parent / "static"
STATIC_SUFFIXES = (".css", ".js", ".svg")

__all__ = ["PageSecurityHeaders", "install_page_errors", "mount_pages"]


class PageStatic(StaticFiles):
    """The pages' own CSS, JS and icons (nothing else in the folder is served)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        """404 for anything that is not a stylesheet, script or icon."""
        if not path.endswith(STATIC_SUFFIXES):
            raise HTTPException(status_code=404)
        return await super().get_response(path, scope)


def mount_pages(app: FastAPI) -> None:
    """Add the page routers and the static files under /static."""
    for module in (session, search, sidebar, reports):
        app.include_router(module.router)
    app.mount("/static", PageStatic(directory=STATIC_DIR), name="static")
