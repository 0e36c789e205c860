"""The FastAPI app factory: runtime in the lifespan, routers, errors and middleware."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from indexing.embedder import CachedEmbedder, Embedder
from service.api.error_handlers import install_error_handlers
from service.api.middleware import AuditMiddleware, BodyLimitMiddleware, Metrics, MetricsMiddleware
from service.api.routers import (
    activity,
    assets,
    audit,
    health,
    keys,
    library_health,
    personas,
    recommendations,
    reports,
    search,
)
from service.pages import PageSecurityHeaders, install_page_errors, mount_pages
from service.runtime import Runtime, build_runtime
from service.settings import Settings

logger = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    on_ready: Callable[[Runtime], None] | None = None,
) -> FastAPI:
    """Build the app; the model and indexes load in its lifespan, never at import.

    ``embedder`` lets tests share one loaded model; ``on_ready`` runs once the
    runtime is built (the demo uses it to load its sample library).
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        model = embedder or settings.embedder()
        runtime = build_runtime(settings, model)
        if on_ready is not None:
            on_ready(runtime)
        app.state.runtime = runtime
        logger.info("ready: %d assets indexed", len(runtime.library.cards))
        yield
        runtime.close()
        if embedder is None and isinstance(model, CachedEmbedder):
            model.close()

    app = FastAPI(
        title="Pitchwise",
        version="1.0.0",
        summary="Sales-enablement content recommender: the right asset, with how and when to use it.",
        lifespan=lifespan,
    )
    app.state.metrics = Metrics()
    install_error_handlers(app)
    install_page_errors(app)
    # library_health before assets, so /v1/assets/{external_id}/suggestions is matched before any asset route.
    routers = (health, keys, personas, library_health, assets, recommendations, search, activity, reports, audit)
    for module in routers:
        app.include_router(module.router)
    mount_pages(app)
    app.add_middleware(
        BodyLimitMiddleware, max_bytes=settings.max_request_bytes, max_upload_bytes=settings.max_upload_bytes
    )
    app.add_middleware(AuditMiddleware)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(PageSecurityHeaders, frame_ancestors=settings.frame_ancestors)
    return app
