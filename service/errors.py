"""Domain errors: each carries its HTTP status and machine-readable code."""

from __future__ import annotations

from typing import Any


class PitchwiseError(Exception):
    """Base of every error a client can cause; rendered in the contract's error shape."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, details: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        self.headers = headers


class Unauthorized(PitchwiseError):
    """No valid API key was given."""

    status = 401
    code = "unauthorized"


class Forbidden(PitchwiseError):
    """The key's role may not do this."""

    status = 403
    code = "forbidden"


class NotFound(PitchwiseError):
    """The named resource does not exist."""

    status = 404
    code = "not_found"


class Conflict(PitchwiseError):
    """The request conflicts with the current state."""

    status = 409
    code = "conflict"


class PayloadTooLarge(PitchwiseError):
    """The request body or a list in it is over its limit."""

    status = 413
    code = "payload_too_large"


class UnsupportedMediaType(PitchwiseError):
    """The body is not of a type this endpoint accepts."""

    status = 415
    code = "unsupported_media_type"


class InvalidInput(PitchwiseError):
    """The request is well-formed but a value is not acceptable."""

    status = 422
    code = "validation_error"


class NotImplementedYet(PitchwiseError):
    """The endpoint is part of the contract but not available in this build."""

    status = 501
    code = "not_implemented"


class RateLimited(PitchwiseError):
    """The key sent more requests than its role allows; ``Retry-After`` says when to try again."""

    status = 429
    code = "rate_limited"


class ServiceUnavailable(PitchwiseError):
    """A dependency (database, model) is not available right now."""

    status = 503
    code = "service_unavailable"
