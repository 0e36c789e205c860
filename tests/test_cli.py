"""The command line: reports in the terminal over a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from indexing.embedder import SentenceTransformerEmbedder
from service.cli import app
from service.cli import reports as report_commands
from service.demo import load_sample_assets
from service.runtime import Runtime, build_runtime
from service.settings import Settings
from service.usecases.assets import bulk_upsert
from tests.library_health_samples import ORDER_FORM, UNANSWERED


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder: SentenceTransformerEmbedder) -> Runtime:
    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(tmp_path))
    runtime = build_runtime(Settings(), embedder)
    bulk_upsert(runtime, load_sample_assets()[:20])
    monkeypatch.setattr(report_commands, "load_runtime", lambda settings: build_runtime(settings, embedder))
    return runtime


def test_report_coverage_and_usage(store: Runtime) -> None:
    runner = CliRunner()
    coverage = runner.invoke(app, ["report", "coverage"])
    assert coverage.exit_code == 0, coverage.output
    assert "finance" in coverage.output and "awareness" in coverage.output
    usage = runner.invoke(app, ["report", "usage"])
    assert usage.exit_code == 0 and "ll-001" in usage.output


def test_report_gaps_lists_unanswered_themes(store: Runtime) -> None:
    from service.schemas.activity import ObjectionsIn
    from service.usecases.activity import log_objections

    texts = ["our office only accepts mail by carrier pigeon", "carrier pigeon delivery is a must for us"]
    log_objections(store, ObjectionsIn.model_validate({"objections": [{"text": t} for t in texts]}))
    result = CliRunner().invoke(app, ["report", "gaps", "--min-count", "2"])
    assert result.exit_code == 0, result.output
    assert "pigeon" in result.output


def test_unknown_report_is_an_error() -> None:
    result = CliRunner().invoke(app, ["report", "everything"])
    assert result.exit_code != 0


def test_report_tag_health_prints_suspects_suggestions_and_demand(store: Runtime) -> None:
    from service.schemas.activity import ObjectionsIn
    from service.usecases.activity import log_objections

    # The whole demo library (the fixture loads 20 assets): the checks learn what each tag looks like from it.
    assert not bulk_upsert(store, [*load_sample_assets()[20:], {"external_id": "of-1", **ORDER_FORM}]).errors
    log_objections(store, ObjectionsIn.model_validate({"objections": [{"text": t} for t in UNANSWERED]}))
    result = CliRunner().invoke(app, ["report", "tag-health", "--min-count", "2"])
    assert result.exit_code == 0, result.output
    suspects, rest = result.output.split("Suggested tags", 1)
    assert "Suspect tags" in suspects and "of-1" in suspects and "awareness" in suspects
    suggestions, demand = rest.split("Demand vs supply", 1)
    assert "never applied" in suggestions
    assert "pigeon" in demand and "no answer" in demand
