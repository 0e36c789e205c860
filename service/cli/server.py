"""``pitchwise serve`` and ``pitchwise demo``."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import uvicorn

from service.cli.app import app, console
from service.runtime import Runtime
from service.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

DEMO_ADMIN_KEY = "demo-admin-key"

HostOption = Annotated[str, typer.Option(help="Address to listen on.")]
PortOption = Annotated[int, typer.Option(help="Port to listen on.")]


# Torch's OpenMP threads otherwise spin after each query embedding, taking a core from the request's
# own work (ranking, BM25, FAISS) and from other requests: measured here, 15-20% more throughput and
# lower latency with them sleeping. Read when torch loads, so it is set before the model is.
OPENMP_WAIT_POLICY = "PASSIVE"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _serve(settings: Settings, host: str, port: int, on_ready: Callable[[Runtime], None] | None = None) -> None:
    from service.api.app import create_app

    os.environ.setdefault("OMP_WAIT_POLICY", OPENMP_WAIT_POLICY)

    logging.basicConfig(level=settings.log_level, format=LOG_FORMAT)
    uvicorn.run(create_app(settings, on_ready=on_ready), host=host, port=port, log_level=settings.log_level.lower())


def worker_app() -> FastAPI:
    """The app of one ``--workers`` process (each is started afresh and reads its settings from the environment)."""
    from service.api.app import create_app

    settings = Settings()
    logging.basicConfig(level=settings.log_level, format=LOG_FORMAT)
    return create_app(settings)


def _serve_workers(settings: Settings, host: str, port: int) -> None:
    """Several server processes on one port, each a replica on the shared store (like separate replicas, but
    behind one socket): Python runs one thread at a time, so one process cannot keep two cores busy."""
    from content_store.db import make_engine, run_migrations

    os.environ.setdefault("OMP_WAIT_POLICY", OPENMP_WAIT_POLICY)
    engine = make_engine(settings.resolved_database_url)
    run_migrations(engine)  # once, before the workers start (they would race to migrate a new store)
    engine.dispose()
    uvicorn.run(
        "service.cli.server:worker_app",
        factory=True,
        workers=settings.workers,
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
    )


@app.command()
def serve(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    workers: Annotated[
        int | None, typer.Option(min=1, max=16, help="Server processes (default: PITCHWISE_WORKERS, 1).")
    ] = None,
) -> None:
    """Start the API, the search page and the reports page."""
    if workers is not None:
        os.environ["PITCHWISE_WORKERS"] = str(workers)  # the workers read their settings from the environment
    settings = Settings()
    if settings.workers > 1:
        _serve_workers(settings, host, port)
    else:
        _serve(settings, host, port)


@app.command()
def demo(host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """Start the service on the bundled sample library (loaded on first start)."""
    os.environ.setdefault("PITCHWISE_DATA_DIR", str(Path("data") / "demo"))
    os.environ.setdefault("PITCHWISE_ADMIN_KEY", DEMO_ADMIN_KEY)
    settings = Settings()

    def load_library(runtime: Runtime) -> None:
        from service.demo import load_sample_assets
        from service.usecases.assets import bulk_upsert

        if runtime.library.cards:
            return
        with console.status("Loading the sample library (first start only)..."):
            result = bulk_upsert(runtime, load_sample_assets())
        console.print(f"Sample library loaded: {result.created} assets, {len(result.errors)} errors.")

    key = settings.admin_key.get_secret_value() if settings.admin_key else DEMO_ADMIN_KEY
    console.print(f"[bold]Pitchwise demo[/bold] on http://{host}:{port}  admin key: [cyan]{key}[/cyan]")
    _serve(settings, host, port, on_ready=load_library)
