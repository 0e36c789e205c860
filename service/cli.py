"""The ``pitchwise`` command line."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.console import Console

from service.runtime import Runtime
from service.settings import Settings

app = typer.Typer(help="Pitchwise: the right sales content, with how and when to use it.", no_args_is_help=True)
console = Console()

DEMO_ADMIN_KEY = "demo-admin-key"

HostOption = Annotated[str, typer.Option(help="Address to listen on.")]
PortOption = Annotated[int, typer.Option(help="Port to listen on.")]


def _serve(settings: Settings, host: str, port: int, on_ready: object = None) -> None:
    from service.api.app import create_app

    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    application = create_app(settings, on_ready=on_ready)  # type: ignore[arg-type]
    uvicorn.run(application, host=host, port=port, log_level=settings.log_level.lower())


@app.command()
def serve(host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """Start the API, the search page and the reports page."""
    _serve(Settings(), host, port)


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


@app.command("eval")
def evaluate(
    data: Annotated[Path, typer.Option(help="Folder with library.json, scenarios.json and titles.json.")] = Path(
        "eval/data"
    ),
) -> None:
    """Measure recommendation quality on a labelled set, against dense-only and BM25-only baselines."""
    from rich.table import Table

    from indexing.embedder import SentenceTransformerEmbedder
    from service.evaluation.dataset import load_eval_set
    from service.evaluation.runner import BM25, DENSE, SYSTEM, evaluate

    eval_set = load_eval_set(data)
    with console.status("Loading the model...") as status:
        embedder = SentenceTransformerEmbedder(Settings().embedding_model)
        report = evaluate(eval_set, embedder, progress=lambda text: status.update(f"{text}..."))
    table = Table(title=f"{report.scenarios} scenarios, {report.assets} assets, {report.titles} titles")
    for column in ("metric", SYSTEM, DENSE, BM25):
        table.add_column(column, justify="left" if column == "metric" else "right")
    for metric, value in report.metrics[SYSTEM].items():
        cells = [report.metrics[name].get(metric) for name in (DENSE, BM25)]
        table.add_row(metric, _fmt(value), *("—" if c is None else _fmt(c) for c in cells))
    console.print(table)
    if report.load_errors:
        console.print(f"[red]{report.load_errors} assets of the set could not be loaded[/red]")


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value.is_integer() and value > 1 else f"{value:.3f}"


@app.command("create-key")
def create_key(
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
    role: Annotated[str, typer.Option(help="rep, marketing or admin.")] = "rep",
) -> None:
    """Create an API key directly in the store and print its secret once."""
    from content_store.db import make_engine, make_session_factory, run_migrations
    from service.schemas.keys import KeyIn
    from service.usecases.keys import create_key as create

    settings = Settings()
    engine = make_engine(settings.resolved_database_url)
    run_migrations(engine)
    created = create(make_session_factory(engine), KeyIn.model_validate({"name": name, "role": role}))
    console.print(f"key_id={created.key_id} role={created.role}\n{created.key}")
