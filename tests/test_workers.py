"""`pitchwise serve --workers 2`: two processes behind one port, each a replica on the same SQLite store."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from service.cli.app import app
from service.settings import Settings
from tests.servers import free_port, wait_ready, within

ADMIN = {"Authorization": "Bearer workers-admin"}


def _workers(server: int) -> list[int]:
    """Process ids of the server's worker processes (its children running Python's multiprocessing)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if parent == server and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    env = {
        **os.environ,
        "PITCHWISE_DATA_DIR": str(tmp_path_factory.mktemp("workers")),
        "PITCHWISE_ADMIN_KEY": ADMIN["Authorization"].removeprefix("Bearer "),
        "PITCHWISE_LOG_LEVEL": "WARNING",
    }
    command = [str(Path(sys.executable).parent / "pitchwise"), "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base, timeout=10) as client:
        wait_ready(client)
    yield server, base
    server.terminate()
    server.wait(timeout=30)


def _search(base: str, query: str) -> list[str]:
    with httpx.Client(base_url=base, timeout=10) as client:  # a new connection: any worker may take it
        response = client.get("/v1/search", params={"q": query}, headers=ADMIN)
        response.raise_for_status()
        return [r["asset"]["external_id"] for r in response.json()["results"]]


def test_two_workers_run_and_every_request_sees_writes_within_a_second(
    served: tuple[subprocess.Popen[bytes], str],
) -> None:
    server, base = served
    workers = _workers(server.pid)
    assert len(workers) == 2
    asset = {
        "title": "Okapi migration guide",
        "body": "Okapi customers migrate in four weeks.",
        "content_type": "guide",
    }
    with httpx.Client(base_url=base, timeout=10) as client:
        assert client.put("/v1/assets/okapi-1", json=asset, headers=ADMIN).status_code == 201
    time.sleep(1.0)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: _search(base, f"okapi migration {i}"), range(40)))
    assert all("okapi-1" in found for found in results)
    with httpx.Client(base_url=base, timeout=10) as client:
        assert client.delete("/v1/assets/okapi-1", headers=ADMIN).status_code == 204
    within(1.0, lambda: all("okapi-1" not in _search(base, "okapi migration") for _ in range(8)))


@pytest.mark.parametrize("count", [0, 17])
def test_worker_counts_outside_1_to_16_are_refused(count: int) -> None:
    with pytest.raises(ValidationError, match="workers"):
        Settings(workers=count)
    result = CliRunner().invoke(app, ["serve", "--workers", str(count)])
    assert result.exit_code == 2 and "--workers" in result.output
