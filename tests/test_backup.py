"""Backup and restore round trip: recommendations are identical after restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from indexing.embedder import SentenceTransformerEmbedder
from service.cli import app
from service.demo import load_sample_assets
from service.recommend.pipeline import recommend
from service.runtime import build_runtime
from service.schemas.recommendations import RecommendationRequest
from service.settings import Settings
from service.usecases.assets import bulk_upsert, delete_asset

REQUEST = RecommendationRequest.model_validate(
    {"prospect": {"title": "CFO", "stage": "Proposal", "objections": ["too pricey", "vendors hate portals"]}}
)


def _ranked(settings: Settings, embedder: SentenceTransformerEmbedder) -> list[tuple[str, float]]:
    runtime = build_runtime(settings, embedder)
    result = recommend(runtime, REQUEST)
    runtime.engine.dispose()
    return [(r.asset.external_id, r.score) for r in result.recommendations]


def test_backup_and_restore_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder: SentenceTransformerEmbedder
) -> None:
    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(tmp_path / "store"))
    settings = Settings()
    runtime = build_runtime(settings, embedder)
    bulk_upsert(runtime, load_sample_assets()[:30])
    before = _ranked(settings, embedder)
    result = CliRunner().invoke(app, ["backup", str(tmp_path / "backup.db")])
    assert result.exit_code == 0, result.output
    delete_asset(runtime, before[0][0])
    runtime.engine.dispose()
    assert _ranked(settings, embedder) != before
    result = CliRunner().invoke(app, ["restore", str(tmp_path / "backup.db")])
    assert result.exit_code == 0, result.output
    assert _ranked(settings, embedder) == before


def test_restore_refuses_what_is_not_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(tmp_path / "store"))
    (tmp_path / "junk.db").write_bytes(b"")
    assert CliRunner().invoke(app, ["restore", str(tmp_path / "junk.db")]).exit_code == 2
    assert CliRunner().invoke(app, ["restore", str(tmp_path / "missing.db")]).exit_code == 2
    monkeypatch.setenv("PITCHWISE_DATABASE_URL", "postgresql+psycopg://x@127.0.0.1/x")
    assert CliRunner().invoke(app, ["backup", str(tmp_path / "b.db")]).exit_code == 2
