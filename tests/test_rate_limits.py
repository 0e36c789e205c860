"""Per-key rate limits: bursts then 429 with Retry-After, per-role defaults, shared by replicas on one store."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from indexing.embedder import SentenceTransformerEmbedder
from service.api.app import create_app
from service.settings import Settings

ADMIN = {"Authorization": "Bearer limits-admin"}


def _app(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> TestClient:
    settings = Settings(
        data_dir=tmp_path, admin_key="limits-admin", rate_limits={"rep": (6.0, 3.0), "marketing": None, "admin": None}
    )
    return TestClient(create_app(settings, embedder=embedder))


def test_burst_then_429_with_retry_after_across_replicas(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> None:
    with _app(tmp_path, embedder) as first, _app(tmp_path, embedder) as second:
        key = first.post("/v1/keys", json={"name": "limited", "role": "rep"}, headers=ADMIN).json()["key"]
        rep = {"Authorization": f"Bearer {key}"}
        assert first.get("/v1/personas", headers=rep).status_code == 200
        assert second.get("/v1/personas", headers=rep).status_code == 200
        assert first.get("/v1/personas", headers=rep).status_code == 200
        refused = second.get("/v1/personas", headers=rep)
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "rate_limited"
        assert 1 <= int(refused.headers["Retry-After"]) <= 10
        for _ in range(10):
            assert first.get("/v1/personas", headers=ADMIN).status_code == 200


def test_default_limits_per_role() -> None:
    limits = Settings().rate_limits
    assert limits["rep"] == (120.0, 30.0) and limits["marketing"] == (600.0, 100.0) and limits["admin"] is None
