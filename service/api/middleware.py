"""ASGI middleware: request size limit and Prometheus request metrics."""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio
from prometheus_client import CollectorRegistry, Counter, Histogram

from service.api.error_handlers import error_response
from service.errors import PayloadTooLarge

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LATENCY_BUCKETS = (0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


UPLOAD_PATH = re.compile(r"^/v1/assets/[^/]+/file$")


class BodyLimitMiddleware:
    """Refuse bodies over their limit with 413, by header at once or while streaming.

    Document uploads have their own, larger limit.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int, max_upload_bytes: int) -> None:
        if max_bytes < 1 or max_upload_bytes < 1:
            raise ValueError(f"limits must be positive, got {max_bytes} and {max_upload_bytes}")
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, then count the bytes actually received."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_upload_bytes if UPLOAD_PATH.match(scope.get("path", "")) else self.max_bytes
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            response = error_response(
                413, "payload_too_large", f"the request body is over {limit} bytes", {"limit": limit}
            )
            await response(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise PayloadTooLarge(f"the request body is over {limit} bytes", details={"limit": limit})
            return message

        await self.app(scope, limited_receive, send)


class Metrics:
    """The Prometheus collectors of one app (own registry, so many apps can live in one process)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.latency = Histogram(
            "pitchwise_request_duration_seconds",
            "HTTP request latency by route",
            ["method", "route", "status"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.requests = Counter(
            "pitchwise_requests",
            "HTTP requests by route and status",
            ["method", "route", "status"],
            registry=self.registry,
        )


class StatusRecorder:
    """Wraps ``send`` to remember the response status (500 until one is sent)."""

    def __init__(self, send: Send) -> None:
        self.status = 500
        self._send = send

    async def __call__(self, message: Message) -> None:
        """Pass the message on, noting the status of the response start."""
        if message["type"] == "http.response.start":
            self.status = int(message["status"])
        await self._send(message)


class MetricsMiddleware:
    """Time every HTTP request and count it under its route template."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Record method, route template, status and duration."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        recorder = StatusRecorder(send)
        try:
            await self.app(scope, receive, recorder)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            labels = (scope["method"], template, str(recorder.status))
            self.metrics.latency.labels(*labels).observe(time.perf_counter() - start)
            self.metrics.requests.labels(*labels).inc()


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
READS_BY_POST = frozenset({"/v1/recommendations", "/v1/personas/resolve"})


class AuditMiddleware:
    """Record every successful write under /v1 with the key that made it (after the response is sent)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request through, then log it if it was a write that succeeded."""
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        recorder = StatusRecorder(send)
        await self.app(scope, receive, recorder)
        principal = (scope.get("state") or {}).get("principal")
        runtime = getattr(scope["app"].state, "runtime", None)
        status = recorder.status
        if status < 400 and principal is not None and runtime is not None and scope["path"] not in READS_BY_POST:
            from service.usecases.audit import record_write

            await anyio.to_thread.run_sync(record_write, runtime, principal, scope["method"], scope["path"], status)
