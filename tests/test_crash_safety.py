"""SIGKILL in the middle of bulk imports: after a restart every acknowledged asset is whole and found."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from bench.common import free_port, wait_ready

ADMIN = {"Authorization": "Bearer crash-admin"}
BATCH = 40


def _start(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PITCHWISE_DATA_DIR": str(data_dir), "PITCHWISE_ADMIN_KEY": "crash-admin"}
    env.pop("PITCHWISE_DATABASE_URL", None)
    command = [str(Path(sys.executable).parent / "pitchwise"), "serve", "--port", str(port)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _batch(number: int) -> list[dict[str, object]]:
    return [
        {
            "external_id": f"crash-{number}-{i}",
            "title": f"Crash batch {number} item {i}",
            "body": f"Token zq{number}x{i} appears only in this asset. It has a second sentence about invoices.",
            "content_type": "guide",
        }
        for i in range(BATCH)
    ]


@pytest.mark.slow
def test_sigkill_during_bulk_imports_loses_nothing_acknowledged(tmp_path: Path) -> None:
    port = free_port()
    server = _start(tmp_path, port)
    acknowledged: list[int] = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
        wait_ready(client, server, time.perf_counter())

        def import_batches() -> None:
            for number in range(1000):
                try:
                    response = client.post("/v1/assets/bulk", json={"assets": _batch(number)}, headers=ADMIN)
                except httpx.TransportError:
                    return
                if response.status_code == 200 and response.json()["created"] == BATCH:
                    acknowledged.append(number)

        writer = threading.Thread(target=import_batches)
        writer.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.7)
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
        writer.join(timeout=60)
    assert len(acknowledged) >= 2

    with sqlite3.connect(tmp_path / "pitchwise.db") as db:
        stored = {row[0] for row in db.execute("SELECT external_id FROM assets WHERE deleted_at IS NULL")}
        chunkless = db.execute(
            "SELECT count(*) FROM assets a WHERE deleted_at IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.asset_id = a.id)"
        ).fetchone()[0]
    assert chunkless == 0
    port = free_port()
    server = _start(tmp_path, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            wait_ready(client, server, time.perf_counter())
            ready = client.get("/readyz").json()
            assert ready["ready"] and ready["assets_indexed"] == len(stored)
            for number in acknowledged:
                for i in (0, BATCH - 1):
                    assert f"crash-{number}-{i}" in stored
                    hits = client.get("/v1/search", params={"q": f"zq{number}x{i}"}, headers=ADMIN).json()["results"]
                    assert hits and hits[0]["asset"]["external_id"] == f"crash-{number}-{i}"
    finally:
        server.terminate()
        server.wait(timeout=30)
