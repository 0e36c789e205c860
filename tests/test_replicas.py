"""Two `pitchwise serve` replicas on one PostgreSQL: writes through one are served by the other within 1 s."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.databases import POSTGRES_URL, database_url
from tests.servers import free_port, wait_ready, within

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="PITCHWISE_TEST_DATABASE_URL is not set"),
]
ADMIN = {"Authorization": "Bearer replica-admin"}


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[httpx.Client]]:
    url = database_url("postgres", tmp_path_factory.mktemp("unused"))
    servers, clients = [], []
    for name in ("a", "b"):
        port = free_port()
        env = {
            **os.environ,
            "PITCHWISE_DATABASE_URL": url,
            "PITCHWISE_DATA_DIR": str(tmp_path_factory.mktemp(f"replica-{name}")),
            "PITCHWISE_ADMIN_KEY": ADMIN["Authorization"].removeprefix("Bearer "),
            "PITCHWISE_LOG_LEVEL": "WARNING",
        }
        command = [str(Path(sys.executable).parent / "pitchwise"), "serve", "--port", str(port)]
        servers.append(subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        clients.append(httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10))
        if name == "a":
            wait_ready(clients[0])
    wait_ready(clients[1])
    yield clients
    for client in clients:
        client.close()
    for server in servers:
        server.terminate()
        server.wait(timeout=30)


def test_writes_deletes_and_personas_reach_the_other_replica(replicas: list[httpx.Client]) -> None:
    a, b = replicas
    asset = {
        "title": "Okapi migration guide",
        "body": "Okapi customers migrate in four weeks.",
        "content_type": "guide",
    }
    assert a.put("/v1/assets/okapi-1", json=asset, headers=ADMIN).status_code == 201

    def found() -> bool:
        results = b.get("/v1/search", params={"q": "okapi migration"}, headers=ADMIN).json()["results"]
        return any(r["asset"]["external_id"] == "okapi-1" for r in results)

    assert within(1.0, found) < 1.0
    assert a.delete("/v1/assets/okapi-1", headers=ADMIN).status_code == 204
    within(1.0, lambda: not found())
    persona = {"name": "Fleet leader", "example_titles": ["Fleet Manager", "Head of Fleet"], "keywords": ["fleet"]}
    assert a.put("/v1/personas/fleet", json=persona, headers=ADMIN).status_code == 201
    within(
        1.0,
        lambda: (
            b.post("/v1/personas/resolve", json={"title": "Sr. Fleet Mgr"}, headers=ADMIN).json()["persona_id"]
            == "fleet"
        ),
    )
    assert b.get("/readyz").json()["ready"] is True


def test_keys_work_and_revoke_across_replicas(replicas: list[httpx.Client]) -> None:
    a, b = replicas
    created = a.post("/v1/keys", json={"name": "cross", "role": "rep"}, headers=ADMIN).json()
    headers = {"Authorization": f"Bearer {created['key']}"}
    assert b.get("/v1/personas", headers=headers).status_code == 200
    assert a.delete(f"/v1/keys/{created['key_id']}", headers=ADMIN).status_code == 204
    assert b.get("/v1/personas", headers=headers).status_code == 401
