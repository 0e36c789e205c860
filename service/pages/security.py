"""Security headers of the pages: a strict CSP, framing rules, nosniff, referrer policy, no caching."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

from starlette.datastructures import MutableHeaders

from service.pages.paths import STATIC, is_page_path, is_sidebar_path

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# No inline script or style anywhere: every script and stylesheet is a file under /static.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors {ancestors}"
)


def page_headers(path: str, frame_ancestors: Sequence[str]) -> dict[str, str]:
    """The security headers of one page response.

    Only ``/sidebar`` may be framed, and only by the configured CRM origins;
    everything else refuses every frame.
    """
    sidebar = is_sidebar_path(path)
    ancestors = " ".join(frame_ancestors) if sidebar and frame_ancestors else "'none'"
    headers = {
        "Content-Security-Policy": CSP.format(ancestors=ancestors),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    }
    if ancestors == "'none'":
        headers["X-Frame-Options"] = "DENY"
    if not sidebar:
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if not path.startswith(STATIC):
        headers["Cache-Control"] = "no-store"
    return headers


class PageSecurityHeaders:
    """Add the page security headers to every HTML page response (the /v1 API is left as it is)."""

    def __init__(self, app: ASGIApp, *, frame_ancestors: Sequence[str] = ()) -> None:
        bad = [o for o in frame_ancestors if not o or any(ch in o for ch in " ;,'\"")]
        if bad:
            raise ValueError(f"frame_ancestors must be plain origins, got {bad}")
        self.app = app
        self.frame_ancestors = tuple(frame_ancestors)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Set the headers (without overriding ones a handler chose) on page responses."""
        path = scope.get("path", "")
        if scope["type"] != "http" or not is_page_path(path):
            await self.app(scope, receive, send)
            return
        wanted = page_headers(path, self.frame_ancestors)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in wanted.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
