"""OpenAPI declarations of the error responses each operation can return."""

from __future__ import annotations

from typing import Any

from service.schemas.common import ErrorResponse

_DESCRIPTIONS = {
    400: "Bad request",
    401: "Missing or invalid API key",
    403: "The key's role may not do this",
    404: "Not found",
    409: "Conflict",
    413: "Request body or a list in it is too large",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many requests",
    501: "Not implemented in this build",
    503: "A dependency is unavailable",
}
AUTHED = (401, 403, 413, 422, 429, 503)


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` mapping for the given error statuses, all in the contract's error shape."""
    return {status: {"model": ErrorResponse, "description": _DESCRIPTIONS[status]} for status in statuses}
