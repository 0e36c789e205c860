"""``pitchwise eval``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from service.cli.app import app, console
from service.settings import Settings

DataOption = Annotated[Path, typer.Option(help="Folder with library.json, scenarios.json and titles.json.")]


@app.command("eval")
def evaluate(data: DataOption = Path("eval/data")) -> None:
    """Measure recommendation quality on a labelled set, against dense-only and BM25-only baselines."""
    from service.evaluation.dataset import load_eval_set
    from service.evaluation.runner import BM25, DENSE, SYSTEM, evaluate
    from service.evaluation.tag_health import CORRUPTED_SHARE, SEED

    eval_set = load_eval_set(data)
    with console.status("Loading the model...") as status:
        embedder = Settings().embedder()
        report = evaluate(eval_set, embedder, progress=lambda text: status.update(f"{text}..."))
    table = Table(title=f"{report.scenarios} scenarios, {report.assets} assets, {report.titles} titles")
    for column in ("metric", SYSTEM, DENSE, BM25):
        table.add_column(column, justify="left" if column == "metric" else "right")
    for metric, value in report.metrics[SYSTEM].items():
        cells = [report.metrics[name].get(metric) for name in (DENSE, BM25)]
        table.add_row(metric, _fmt(value), *("—" if c is None else _fmt(c) for c in cells))
    console.print(table)
    console.print(
        f"Mis-tag figures: {CORRUPTED_SHARE:.0%} of the assets given one wrong or missing tag, seed {SEED} "
        "(service/evaluation/tag_health.py)."
    )
    if report.load_errors:
        console.print(f"[red]{report.load_errors} assets of the set could not be loaded[/red]")


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value.is_integer() and value > 1 else f"{value:.3f}"
