"""One in-process app per session over a temporary SQLite store, the real model and the demo library."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from indexing.embedder import SentenceTransformerEmbedder
from service.api.app import create_app
from service.demo import load_sample_assets
from service.runtime import Runtime
from service.settings import Settings
from service.usecases.assets import bulk_upsert
from tests.databases import DATABASES, database_url

ADMIN_KEY = "test-admin-key"


@contextmanager
def demo_client(kind: str, data_dir: Path, embedder: SentenceTransformerEmbedder) -> Iterator[TestClient]:
    """An app over a fresh database of ``kind`` with the sample library loaded."""

    def load_demo(runtime: Runtime) -> None:
        result = bulk_upsert(runtime, load_sample_assets())
        assert not result.errors, result.errors

    settings = Settings(
        data_dir=data_dir,
        database_url=database_url(kind, data_dir),
        admin_key=ADMIN_KEY,
        max_request_bytes=2 * 1024 * 1024,
        max_upload_bytes=3 * 1024 * 1024,
        rate_limits={"rep": None, "marketing": None, "admin": None},
    )
    with TestClient(create_app(settings, embedder=embedder, on_ready=load_demo)) as test_client:
        yield test_client


@pytest.fixture(scope="session", params=DATABASES)
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder
) -> Iterator[TestClient]:
    """The app with the sample library loaded, shared by every API test (once per database)."""
    with demo_client(request.param, tmp_path_factory.mktemp("pitchwise"), embedder) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def admin() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_KEY}"}


def make_key(client: TestClient, admin: dict[str, str], role: str) -> dict[str, str]:
    """Headers with a new key of ``role``."""
    response = client.post("/v1/keys", json={"name": f"test {role}", "role": role}, headers=admin)
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['key']}"}


@pytest.fixture(scope="session")
def rep(client: TestClient, admin: dict[str, str]) -> dict[str, str]:
    return make_key(client, admin, "rep")


@pytest.fixture(scope="session")
def marketing(client: TestClient, admin: dict[str, str]) -> dict[str, str]:
    return make_key(client, admin, "marketing")


_ids = itertools.count(1)


@pytest.fixture
def new_id() -> Callable[[str], str]:
    """Unique external ids, so tests sharing the app never collide."""
    return lambda prefix="t": f"{prefix}-{next(_ids)}"


@pytest.fixture
def put_asset(client: TestClient, marketing: dict[str, str]) -> Callable[..., dict[str, Any]]:
    """Write an asset through the API and return the stored asset."""

    def put(external_id: str, **fields: Any) -> dict[str, Any]:
        body = {"title": "Untitled", "content_type": "blog_post", **fields}
        response = client.put(f"/v1/assets/{external_id}", json=body, headers=marketing)
        assert response.status_code in (200, 201), response.text
        return response.json()

    return put
