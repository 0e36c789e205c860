"""Cookie sign-in for the pages, role checks and CSRF protection.

The API key a person signs in with is kept in an HttpOnly cookie (never
readable by scripts) and checked on every request, so revoking the key ends
every session at once. The search and reports pages use ``pw_session``
(SameSite=Lax, whole site); the CRM sidebar uses ``pw_sidebar``
(SameSite=None; Secure; Partitioned, scoped to /sidebar) so it works inside a
CRM's iframe. Forms carry a CSRF token derived from the session key (HMAC), so
a page on another site cannot post on the person's behalf; page POSTs must
also come from this origin.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request, Response

from service.api.deps import RuntimeDep
from service.errors import Forbidden, Unauthorized
from service.pages.paths import is_sidebar_path
from service.runtime import Runtime
from service.usecases.keys import Principal, authenticate

SESSION_COOKIE = "pw_session"
SIDEBAR_COOKIE = "pw_sidebar"
SIDEBAR_COOKIE_DAYS = 30
CSRF_FIELD = "csrf_token"
_CSRF_CONTEXT = b"pitchwise page csrf v1"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}


class CsrfRejected(Forbidden):
    """A form post without the right CSRF token, or from another origin."""

    code = "csrf_rejected"


@dataclass(frozen=True)
class PageSession:
    """A signed-in person: their key's principal and the CSRF token their forms must carry."""

    principal: Principal
    csrf_token: str

    def check_csrf(self, token: str | None) -> None:
        """403 unless ``token`` is this session's CSRF token."""
        if not token or not hmac.compare_digest(token.encode(), self.csrf_token.encode()):
            raise CsrfRejected("this form has expired or did not come from Pitchwise; reload the page and try again")


def csrf_token(secret: str) -> str:
    """The CSRF token of a session: an HMAC of a fixed context under the session's own key."""
    return hmac.new(secret.encode(), _CSRF_CONTEXT, hashlib.sha256).hexdigest()


def encode_cookie(secret: str) -> str:
    """A key as a cookie-safe value."""
    return base64.urlsafe_b64encode(secret.encode()).decode().rstrip("=")


def decode_cookie(value: str) -> str | None:
    """The key in a cookie value, or None if the value is not one this site set."""
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode() or None
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _session_from(request: Request, runtime: Runtime, cookies: tuple[str, ...]) -> PageSession | None:
    for name in cookies:
        raw = request.cookies.get(name)
        secret = decode_cookie(raw) if raw else None
        principal = authenticate(runtime, secret) if secret else None
        if principal is not None:
            return PageSession(principal=principal, csrf_token=csrf_token(secret or ""))
    return None


def optional_session(request: Request, runtime: RuntimeDep) -> PageSession | None:
    """The signed-in person of a page request, if any (the sidebar also accepts its own cookie)."""
    cookies = (SIDEBAR_COOKIE, SESSION_COOKIE) if is_sidebar_path(request.url.path) else (SESSION_COOKIE,)
    return _session_from(request, runtime, cookies)


OptionalSession = Annotated[PageSession | None, Depends(optional_session)]


def _require(role: str) -> object:
    def check(session: OptionalSession) -> PageSession:
        if session is None:
            raise Unauthorized("sign in with your Pitchwise key to continue")
        if not session.principal.may(role):
            raise Forbidden(
                f"this page is for the {role} role; your key ({session.principal.name}) has the "
                f"{session.principal.role} role. Ask an admin for a {role} key."
            )
        return session

    return Depends(check)


RepPage = Annotated[PageSession, _require("rep")]
MarketingPage = Annotated[PageSession, _require("marketing")]


def same_origin_post(request: Request) -> None:
    """403 for a form post sent by a page of another origin (the browser's Origin header says so)."""
    origin = request.headers.get("origin")
    if origin is None:
        site = request.headers.get("sec-fetch-site")
        if site == "cross-site":
            raise CsrfRejected("forms can only be sent from Pitchwise's own pages")
        return
    if origin == "null" or urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower():
        raise CsrfRejected("forms can only be sent from Pitchwise's own pages")


SameOriginPost = Annotated[None, Depends(same_origin_post)]


def sidebar_fetch_guard(request: Request) -> None:
    """The sidebar logs a recommendation request on load: refuse cross-site loads other than a frame or page.

    Browsers say what a request is for (``Sec-Fetch-Dest``); an image, script or
    fetch from another site must not make a signed-in rep log requests.
    """
    if request.headers.get("sec-fetch-site") == "cross-site" and request.headers.get("sec-fetch-dest") not in {
        "iframe",
        "frame",
        "document",
        None,
    }:
        raise Forbidden("the sidebar can only be opened as a page or inside your CRM")


SidebarFetchGuard = Annotated[None, Depends(sidebar_fetch_guard)]


def _secure_context(request: Request) -> bool:
    return request.url.scheme == "https" or (request.url.hostname or "") in LOCAL_HOSTS


def set_session_cookie(response: Response, request: Request, secret: str, *, sidebar: bool) -> None:
    """Sign in: put the key in the page cookie (or the sidebar's cross-site, partitioned cookie)."""
    value = encode_cookie(secret)
    if not sidebar:
        secure = "; Secure" if request.url.scheme == "https" else ""
        response.headers.append("set-cookie", f"{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax{secure}")
        return
    # Inside a CRM iframe the cookie is third-party: it needs SameSite=None, which needs Secure;
    # Partitioned (CHIPS) keys it to the CRM's site, which browsers that block third-party cookies allow.
    flags = "Secure; SameSite=None; Partitioned" if _secure_context(request) else "SameSite=Lax"
    max_age = SIDEBAR_COOKIE_DAYS * 24 * 3600
    response.headers.append(
        "set-cookie", f"{SIDEBAR_COOKIE}={value}; Path=/sidebar; Max-Age={max_age}; HttpOnly; {flags}"
    )


def clear_session_cookie(response: Response, request: Request, *, sidebar: bool) -> None:
    """Sign out: expire the page cookie (or the sidebar's)."""
    if not sidebar:
        response.headers.append("set-cookie", f"{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
        return
    flags = "Secure; SameSite=None; Partitioned" if _secure_context(request) else "SameSite=Lax"
    response.headers.append("set-cookie", f"{SIDEBAR_COOKIE}=; Path=/sidebar; Max-Age=0; HttpOnly; {flags}")
