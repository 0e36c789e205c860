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
_HEADERS = {
    429: {"Retry-After": {"description": "Seconds until the key may send again.", "schema": {"type": "integer"}}},
}
# Every /v1 operation: the key (401, 403 for a role that may not, 429 over its rate), any body over the
# request limit (413), bad parameters (422) and the store or model not available (503).
AUTHED = (401, 403, 413, 422, 429, 503)
# An operation with a request body adds 400: bytes that cannot be parsed at all (JSON that is not
# UTF-8, broken multipart); well-formed but invalid bodies are 422.
BODY = (400,)


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` mapping for the given error statuses, all in the contract's error shape."""
    declared: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        declared[status] = {"model": ErrorResponse, "description": _DESCRIPTIONS[status]}
        if status in _HEADERS:
            declared[status]["headers"] = _HEADERS[status]
    return declared
