"""FastAPI dependencies as Annotated aliases: the runtime, settings and the caller's role."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from service.errors import Forbidden, ServiceUnavailable, Unauthorized
from service.runtime import Runtime, begin_request
from service.settings import Settings
from service.usecases.keys import Principal, authenticate
from service.usecases.rate_limits import check_rate

_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <key>`")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="Alternative to the bearer header.")


async def get_runtime(request: Request) -> Runtime:
    """The process's runtime, built in the app's lifespan.

    Async on purpose: it runs in the request's own task, where it starts the request's
    scope (``begin_request``) that the dependencies and handler run in worker threads share.
    """
    runtime: Runtime | None = getattr(request.app.state, "runtime", None)
    if runtime is None:
        raise ServiceUnavailable("the service is still starting")
    begin_request()
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_settings(runtime: RuntimeDep) -> Settings:
    """The settings in force."""
    return runtime.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_principal(
    request: Request,
    runtime: RuntimeDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
) -> Principal:
    """The caller, from the bearer token or the X-API-Key header; 401 without a valid key."""
    secret = bearer.credentials if bearer else api_key
    if not secret:
        raise Unauthorized("an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'")
    principal = authenticate(runtime, secret)
    if principal is None:
        raise Unauthorized("the API key is not valid or has been revoked")
    check_rate(runtime, principal)
    request.state.principal = principal
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require(role: str) -> object:
    """A dependency that admits callers whose role includes ``role`` (403 otherwise)."""

    async def check(principal: PrincipalDep) -> Principal:  # no I/O: stays off the thread pool
        if not principal.may(role):
            raise Forbidden(f"this needs the {role} role; your key has the {principal.role} role")
        return principal

    return Depends(check)


RepDep = Annotated[Principal, require("rep")]
MarketingDep = Annotated[Principal, require("marketing")]
AdminDep = Annotated[Principal, require("admin")]
