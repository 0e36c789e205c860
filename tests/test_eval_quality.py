"""The labelled evaluation holds its targets: ranking well ahead of plain baselines, no traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexing.embedder import SentenceTransformerEmbedder
from service.evaluation.dataset import load_eval_set
from service.evaluation.runner import BM25, DENSE, SYSTEM, evaluate

EVAL_DATA = Path(__file__).resolve().parents[1] / "eval" / "data"


@pytest.mark.slow
def test_eval_targets(embedder: SentenceTransformerEmbedder) -> None:
    report = evaluate(load_eval_set(EVAL_DATA), embedder)
    system = report.metrics[SYSTEM]
    better_baseline = max(report.metrics[DENSE]["nDCG@5"], report.metrics[BM25]["nDCG@5"])
    assert report.load_errors == 0
    assert system["nDCG@5"] >= 1.3 * better_baseline
    assert system["objection coverage"] >= 0.9
    assert system["persona accuracy (titles)"] >= 0.9
    assert system["trap violations"] == 0


def test_eval_set_is_well_formed() -> None:
    data = load_eval_set(EVAL_DATA)
    assert len(data.assets) >= 100 and len(data.scenarios) >= 60 and len(data.titles) >= 80
    assert sum(1 for t in data.titles if t.expected_persona is None) >= 8
    statuses = {a["status"] for a in data.assets}
    assert {"draft", "archived", "published"} <= statuses
