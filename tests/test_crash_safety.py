"""SIGKILL in the middle of bulk imports and of an index rebuild: after a restart the store is whole and served."""

from __future__ import annotations

import datetime as dt
import json
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import faiss
import httpx
import numpy as np
import pytest
from sqlalchemy import insert

from bench.common import free_port, start_server, stop_server, wait_ready
from content_store import generation
from content_store.db import make_engine, make_session_factory, transaction
from content_store.models import Asset, Chunk
from indexing.vector_index import FaissVectorIndex, stored_ids

ADMIN = {"Authorization": "Bearer crash-admin"}
BATCH = 40


def _start(data_dir: Path, port: int, log: Path | None = None) -> subprocess.Popen[bytes]:
    return start_server("serve", data_dir, port, admin_key="crash-admin", log=log, log_level="INFO")


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


# Synthetic assets written straight into the store, four passages each: enough that rebuilding the
# index from the stored vectors takes a second or more, so a kill can land in the middle of it.
SYNTHETIC = 6000
PASSAGES = 4
REAL = 24


def _real_assets() -> list[dict[str, object]]:
    return [
        {
            "external_id": f"real-{i}",
            "title": f"Rebuild check {i}",
            "body": f"Token zr{i}k appears only in this asset. Approval routing for invoices, case {i}.",
            "content_type": "guide",
        }
        for i in range(REAL)
    ]


def _write_synthetic_library(database: Path, count: int) -> None:
    """Add ``count`` live assets with random unit vectors to the store, as an import made elsewhere would."""
    rng = np.random.default_rng(5)
    engine = make_engine(f"sqlite:///{database}")
    now = dt.datetime.now(dt.UTC)
    try:
        with transaction(make_session_factory(engine)) as session:
            new_generation = generation.advance(session=session)
            rows = [
                {
                    "external_id": f"synthetic-{n}",
                    "title": f"Synthetic {n}",
                    "summary": "",
                    "body": "",
                    "url": None,
                    "content_type": "guide",
                    "personas": [],
                    "stages": [],
                    "industries": [],
                    "objections": [],
                    "products": [],
                    "usage_notes": "",
                    "published_at": None,
                    "expires_at": None,
                    "status": "published",
                    "source": None,
                    "version": 1,
                    "content_hash": f"synthetic-{n}",
                    "generation": new_generation,
                    "created_at": now,
                    "updated_at": now,
                    "deleted_at": None,
                }
                for n in range(count)
            ]
            ids = session.scalars(insert(Asset).returning(Asset.id, sort_by_parameter_order=True), rows).all()
            vectors = rng.standard_normal((count * PASSAGES, 384)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            chunks = [
                {
                    "asset_id": asset_id,
                    "ordinal": o,
                    "kind": "body",
                    "text": f"Synthetic passage zs{n}p{o} about payment runs.",
                    "content_hash": f"synthetic-{n}-{o}",
                    "embedding": vectors[n * PASSAGES + o].tobytes(),
                    "page": None,
                }
                for n, asset_id in enumerate(ids)
                for o in range(PASSAGES)
            ]
            session.execute(insert(Chunk), chunks)
    finally:
        engine.dispose()


def _plant_damaged_index(index_path: Path) -> None:
    """Leave what crashes while writing the index cache can leave, under the sidecar of the whole file.

    The index file is replaced by one with the same ids and count whose vectors belong to other
    chunks (an index its sidecar does not describe), and half-written temporary files lie beside it.
    """
    index = faiss.read_index(str(index_path))
    ids = faiss.vector_to_array(index.id_map)
    vectors = np.stack([index.reconstruct(int(i)) for i in ids])
    scrambled = faiss.IndexIDMap2(faiss.IndexFlatIP(vectors.shape[1]))
    scrambled.add_with_ids(np.roll(vectors, 1, axis=0), ids)
    faiss.write_index(scrambled, str(index_path))
    whole = index_path.read_bytes()
    index_path.with_suffix(".4242.tmp").write_bytes(whole[: len(whole) // 3])
    index_path.with_suffix(".4242.json.tmp").write_text('{"model": "')


def _kill_during_rebuild(data_dir: Path, log: Path) -> bool:
    """Start the server, SIGKILL it while it rebuilds its index; False if the rebuild finished first."""
    for delay in (0.4, 0.2, 0.05, 0.0):
        log.write_text("")
        server = _start(data_dir, free_port(), log)
        try:
            deadline = time.monotonic() + 120
            # Migrations run right before the index is built from the store.
            while "alembic.runtime.migration" not in log.read_text():
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.01)
            time.sleep(delay)
            server.send_signal(signal.SIGKILL)
            server.wait(timeout=30)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait(timeout=30)
        if "library built" not in log.read_text():
            return True
    return False


def _live_chunks(database: Path) -> tuple[set[str], dict[int, bytes]]:
    with sqlite3.connect(database) as db:
        assets = {row[0] for row in db.execute("SELECT external_id FROM assets WHERE deleted_at IS NULL")}
        chunks = dict(
            db.execute(
                "SELECT c.id, c.embedding FROM chunks c JOIN assets a ON a.id = c.asset_id WHERE a.deleted_at IS NULL"
            ).fetchall()
        )
    return assets, chunks


@pytest.mark.slow
def test_sigkill_during_index_rebuild_serves_the_whole_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    database = data_dir / "pitchwise.db"
    index_path = data_dir / "index" / "vectors.faiss"

    # 1. A store with real assets (one deleted, one replaced); a clean stop writes the index cache.
    port = free_port()
    server = _start(data_dir, port, tmp_path / "first.log")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            wait_ready(client, server, time.perf_counter())
            response = client.post("/v1/assets/bulk", json={"assets": _real_assets()}, headers=ADMIN)
            assert response.status_code == 200 and response.json()["created"] == REAL, response.text
            assert client.delete("/v1/assets/real-0", headers=ADMIN).status_code == 204
            replaced = {"title": "Rebuild check 1, second edition", "body": "Token zr1v2k replaces the first text."}
            response = client.put("/v1/assets/real-1", json={**replaced, "content_type": "guide"}, headers=ADMIN)
            assert response.status_code == 200, response.text
    finally:
        stop_server(server)
    assert index_path.exists() and index_path.with_suffix(".json").exists()

    # 2. Offline: the store grows past the cache (so the next start must rebuild), and the cache is damaged.
    _write_synthetic_library(database, SYNTHETIC)
    _plant_damaged_index(index_path)

    # 3. SIGKILL while the restarted server rebuilds its index from the store.
    assert _kill_during_rebuild(data_dir, tmp_path / "killed.log"), "every kill came after the rebuild had finished"

    # 4. The next start becomes ready and serves exactly the store.
    stored, chunks = _live_chunks(database)
    assert len(stored) == REAL - 1 + SYNTHETIC
    port = free_port()
    server = _start(data_dir, port, tmp_path / "restart.log")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            wait_ready(client, server, time.perf_counter())
            ready = client.get("/readyz").json()
            assert ready["ready"] and ready["assets_indexed"] == len(stored)
            assert ready["index_generation"] == ready["store_generation"]

            def found(query: str, limit: int = 5) -> list[str]:
                response = client.get("/v1/search", params={"q": query, "limit": limit}, headers=ADMIN)
                assert response.status_code == 200, response.text
                names = [hit["asset"]["external_id"] for hit in response.json()["results"]]
                assert set(names) <= stored
                return names

            assert "real-0" not in found("zr0k")
            assert found("zr1v2k")[0] == "real-1"
            assert client.get("/v1/assets/real-1", headers=ADMIN).json()["version"] == 2
            for i in range(2, REAL):
                assert found(f"zr{i}k")[0] == f"real-{i}"
            # Synthetic vectors are random, so only the words find these: past every real asset's dense match.
            for n in (0, 1, SYNTHETIC // 2, SYNTHETIC - 1, *range(7, SYNTHETIC, SYNTHETIC // 16)):
                assert f"synthetic-{n}" in found(f"zs{n}p{n % PASSAGES}", limit=REAL + 10)
    finally:
        stop_server(server)

    # 5. The index it served (written out at the clean stop) holds every live passage with its stored vector.
    sidecar = json.loads(index_path.with_suffix(".json").read_text())
    loaded = FaissVectorIndex.load(index_path, model=sidecar["model"], dimension=384)
    assert loaded is not None and loaded[1] == ready["store_generation"]
    index = loaded[0]
    assert stored_ids(index) == set(chunks)
    ids = np.array(sorted(chunks), dtype=np.int64)
    expected = np.stack([np.frombuffer(chunks[int(i)], dtype=np.float32) for i in ids])
    assert np.allclose(index.vectors(ids), expected, atol=1e-6)
