"""PostgreSQL outage: requests answer 503 in the error shape, /readyz fails, nothing hangs, service recovers."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indexing.embedder import SentenceTransformerEmbedder
from service.api.app import create_app
from service.settings import Settings
from tests.databases import POSTGRES_URL, database_url

PG_CTL = os.environ.get("PITCHWISE_TEST_PG_CTL")
pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not (POSTGRES_URL and PG_CTL), reason="needs the test cluster")]
ADMIN = {"Authorization": "Bearer outage-admin"}


def _cluster(action: str) -> None:
    subprocess.run(f"{PG_CTL} {action}", shell=True, check=True, capture_output=True, timeout=60)


@pytest.fixture
def client(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path, database_url=database_url("postgres", tmp_path), admin_key="outage-admin")
    with TestClient(create_app(settings, embedder=embedder)) as test_client:
        yield test_client


def test_outage_gives_fast_503s_and_recovers(client: TestClient) -> None:
    body = {"title": "Before the outage", "content_type": "guide", "body": "Written before the database stopped."}
    assert client.put("/v1/assets/outage-1", json=body, headers=ADMIN).status_code == 201
    _cluster("stop -m fast")
    try:
        for call in (
            lambda: client.get("/v1/assets/outage-1", headers=ADMIN),
            lambda: client.post("/v1/recommendations", json={"prospect": {"objections": ["x"]}}, headers=ADMIN),
            lambda: client.put("/v1/assets/outage-2", json=body, headers=ADMIN),
        ):
            started = time.monotonic()
            response = call()
            assert time.monotonic() - started < 10
            assert response.status_code == 503, response.text
            assert response.json()["error"]["code"] == "service_unavailable"
        assert client.get("/readyz").status_code == 503
    finally:
        _cluster("start")
    deadline = time.monotonic() + 20
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "did not recover"
        time.sleep(0.2)
    assert client.get("/v1/assets/outage-1", headers=ADMIN).json()["title"] == "Before the outage"
    assert client.put("/v1/assets/outage-2", json=body, headers=ADMIN).status_code == 201
