"""Scale benchmark through HTTP: synthetic libraries of 1k, 10k and 100k assets with stored vectors.

    .venv/bin/python -m bench.scale [--sizes 1000 10000 100000] [--requests 200] [--seconds 20] [--replicas 1]

For each size: writes a synthetic library straight into a fresh SQLite store
(vectors made from a pool of real MiniLM embeddings plus noise, so nothing is
embedded per asset), starts `pitchwise serve` on it (``--replicas`` processes on the
same store, like replicas behind a proxy), and measures over loopback:
recommendation latency p50/p95/p99 with one client, throughput at each number of concurrent
connections in ``--clients`` (driven by wrk, bounded in time), search latency, start-up time and
resident memory (each server process with the model process it starts);
and, in the same run, the in-process floor (query embedding + FAISS search over
the same vectors), the ratio to it, the throughput the floor itself reaches with
the same numbers of concurrent threads on this machine, the capacity ratio (the server's best
throughput over the floor's best, each at the concurrency that suits it), and — where the library's
index is approximate — its recall@50 and @400 against exact search for the
benchmark's queries. HTTP and floor measurements alternate (blocks of requests,
halves of the throughput time), so a machine whose speed drifts moves both alike;
the load average at each step is printed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import faiss
import httpx
import numpy as np
import torch
from sqlalchemy import insert, select

from bench.common import free_port, percentiles, wait_ready
from bench.load import run_wrk, write_requests
from content_store import generation
from content_store.db import make_engine, make_session_factory, run_migrations, transaction
from content_store.models import Asset, AssetTag, Chunk
from indexing.embedder import SentenceTransformerEmbedder
from indexing.library import Library
from indexing.sync import IndexSync

TOPICS = [
    "invoice matching",
    "approval routing",
    "vendor onboarding",
    "card rebates",
    "ERP sync",
    "audit trails",
    "fraud checks",
    "payment runs",
    "tax forms",
    "cash forecasting",
    "PO matching",
    "exception queues",
]
OBJECTIONS = [
    "price is too high",
    "our ERP already does this",
    "rollout takes too long",
    "security review",
    "staff won't adopt it",
    "ROI unclear",
    "vendors hate portals",
    "too small for this",
    "locked into a contract",
    "OCR accuracy",
    "audit readiness",
    "support worries",
]
PERSONAS = ["executive", "finance", "it", "security", "operations", "procurement", "hr", "revenue"]
STAGES = ["awareness", "evaluation", "conversion"]
INDUSTRIES = ["Healthcare", "Retail", "Manufacturing", "Logistics", "Software", "Construction"]
TYPES = ["blog_post", "case_study", "white_paper", "guide", "datasheet", "one_pager", "battlecard"]
ADMIN_KEY = "bench-admin"
# Latency requests per block: HTTP and floor alternate block by block.
BLOCK = 20


def _sentences(rng: random.Random, count: int) -> list[str]:
    return [
        f"{rng.choice(TOPICS).capitalize()} for {rng.choice(INDUSTRIES).lower()} teams cuts "
        f"{rng.choice(['costs', 'errors', 'delays', 'risk'])} by {rng.randint(10, 90)} percent "
        f"when {rng.choice(OBJECTIONS)} comes up."
        for _ in range(count)
    ]


def build_library(url: str, size: int, embedder: SentenceTransformerEmbedder, seed: int = 3) -> None:
    """Write ``size`` assets with four passages each and stored vectors."""
    rng = random.Random(seed)
    np_rng = np.random.default_rng(seed)
    pool_texts = _sentences(rng, 512) + OBJECTIONS
    pool = embedder.encode(pool_texts)
    engine = make_engine(url)
    run_migrations(engine)
    factory = make_session_factory(engine)
    now = dt.datetime.now(dt.UTC)
    batch = 2000
    for start in range(0, size, batch):
        assets, chunks, tags = [], [], []
        with transaction(factory) as session:
            gen = generation.advance(session=session)
            first_id = start + 1
            for offset in range(min(batch, size - start)):
                asset_id = first_id + offset
                personas = rng.sample(PERSONAS, rng.randint(0, 2))
                stages = rng.sample(STAGES, rng.randint(1, 2))
                industries = rng.sample(INDUSTRIES, rng.randint(0, 1))
                objection = rng.choice(OBJECTIONS)
                picks = rng.sample(range(512), 3)
                body = "\n\n".join(pool_texts[p] for p in picks)
                assets.append(
                    {
                        "id": asset_id,
                        "external_id": f"scale-{asset_id}",
                        "title": f"{rng.choice(TOPICS).title()} {asset_id}",
                        "summary": pool_texts[picks[0]],
                        "body": body,
                        "url": None,
                        "content_type": rng.choice(TYPES),
                        "personas": personas,
                        "stages": stages,
                        "industries": industries,
                        "objections": [objection],
                        "products": [],
                        "usage_notes": "",
                        "published_at": dt.date(2026, 1, 1),
                        "expires_at": None,
                        "status": "published",
                        "version": 1,
                        "content_hash": f"h{asset_id}",
                        "generation": gen,
                        "created_at": now,
                        "updated_at": now,
                        "deleted_at": None,
                        "source": None,
                    }
                )
                texts = [(("title", f"{assets[-1]['title']}. {pool_texts[picks[0]]}"), picks[0])]
                texts.append((("objection", objection), 512 + OBJECTIONS.index(objection)))
                texts += [(("body", pool_texts[p]), p) for p in picks]
                for ordinal, ((kind, text), source) in enumerate(texts):
                    vector = pool[source] + np_rng.normal(0, 0.02, pool.shape[1]).astype(np.float32)
                    vector /= np.linalg.norm(vector)
                    chunks.append(
                        {
                            "asset_id": asset_id,
                            "ordinal": ordinal,
                            "kind": kind,
                            "text": text,
                            "content_hash": f"{asset_id}-{ordinal}",
                            "embedding": vector.astype(np.float32).tobytes(),
                            "page": None,
                        }
                    )
                for kind, values in (("personas", personas), ("stages", stages), ("industries", industries)):
                    tags += [{"asset_id": asset_id, "kind": kind, "value": v.lower()} for v in values]
            session.execute(insert(Asset), assets)
            session.execute(insert(Chunk), chunks)
            if tags:
                session.execute(insert(AssetTag), tags)
    engine.dispose()


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and every process it started (the server's model process)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        pending += children.get(current, [])
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:"))
    return total


def _prospects(count: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    return [
        {
            "title": rng.choice(["CFO", "VP Finance", "IT Director", "CISO", "COO", "Buyer"]),
            "stage": rng.choice(STAGES),
            "industry": rng.choice(INDUSTRIES),
            "objections": [
                f"{o} (case {seed}-{n}-{i})" for i, o in enumerate(rng.sample(OBJECTIONS, rng.randint(1, 3)))
            ],
        }
        for n in range(count)
    ]


def floor_library(url: str, embedder: SentenceTransformerEmbedder) -> Library:
    """The in-process floor's index: the same stored vectors, loaded the way the server loads them."""
    library = Library(embedder.dimension)
    IndexSync(make_session_factory(make_engine(url)), library, index_path=None, model=embedder.name).build()
    return library


def floor_request(library: Library, embedder: SentenceTransformerEmbedder, prospect: dict[str, object]) -> np.ndarray:
    """The floor of one recommendation: one query-embedding call for its objections and one FAISS search."""
    vectors = embedder.encode(list(prospect["objections"]))  # type: ignore[call-overload]
    library.vectors.search(vectors, 50)
    return vectors


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def _concurrently(clients: int, seconds: float, make_worker: Callable[[int], Callable[[], object]]) -> float:
    """Calls per second from ``clients`` threads, each repeating its own call for ``seconds``."""
    done = [0] * clients
    deadline = time.monotonic() + seconds

    def run(index: int) -> None:
        call = make_worker(index)
        while time.monotonic() < deadline:
            call()
            done[index] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def _recall(url: str, library: Library, queries: np.ndarray) -> dict[str, float]:
    """Recall@50 and @400 of the library's (approximate) index against exact search over the stored vectors."""
    exact = faiss.IndexIDMap(faiss.IndexFlatIP(library.dimension))
    with make_session_factory(make_engine(url))() as session:
        rows = session.execute(select(Chunk.id, Chunk.embedding).execution_options(yield_per=20_000)).partitions()
        for part in rows:
            ids = np.array([r[0] for r in part], dtype=np.int64)
            vectors = np.frombuffer(b"".join(r[1] for r in part), dtype=np.float32).reshape(len(part), -1)
            exact.add_with_ids(vectors, ids)
    recall = {}
    for k in (50, 400):
        truth = exact.search(queries, k)[1]
        found = library.vectors.search(queries, k)[1]
        recall[f"@{k}"] = round(
            float(np.mean([len(set(f) & set(t)) / k for f, t in zip(found, truth, strict=True)])), 4
        )
    return recall


def _load_average() -> float:
    return round(os.getloadavg()[0], 2)


def measure(
    size: int, folder: Path, args: argparse.Namespace, embedder: SentenceTransformerEmbedder
) -> dict[str, object]:
    """Everything for one library size, in a fresh data folder.

    HTTP and floor measurements alternate in blocks (latency) and halves (throughput), so both
    see the machine in the same state: on a shared machine its speed drifts from minute to minute.
    """
    url = f"sqlite:///{folder / 'pitchwise.db'}"
    started = time.perf_counter()
    build_library(url, size, embedder)
    build_seconds = time.perf_counter() - started
    library = floor_library(url, embedder)
    ports = [free_port() for _ in range(args.replicas)]
    port = ports[0]
    env = {
        **os.environ,
        "PITCHWISE_DATA_DIR": str(folder),
        "PITCHWISE_ADMIN_KEY": ADMIN_KEY,
        "PITCHWISE_LOG_LEVEL": "WARNING",
    }
    started = time.perf_counter()
    servers = [
        subprocess.Popen(
            [str(Path(sys.executable).parent / "pitchwise"), "serve", "--port", str(p)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for p in ports
    ]
    server = servers[0]
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    result: dict[str, object] = {
        "assets": size,
        "library build (s)": round(build_seconds, 1),
        "load average at start": _load_average(),
    }
    prospects = _prospects(args.requests, seed=2)
    timings: list[float] = []
    floor_timings: list[float] = []
    queries: list[np.ndarray] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            result["start to ready (s)"] = round(wait_ready(client, server, started), 1)
            for other, other_port in zip(servers[1:], ports[1:], strict=True):
                with httpx.Client(base_url=f"http://127.0.0.1:{other_port}", timeout=60) as replica:
                    wait_ready(replica, other, started)
            for prospect in _prospects(10, seed=1):
                client.post("/v1/recommendations", json={"prospect": prospect}, headers=headers)
                floor_request(library, embedder, prospect)

            def post(prospect: dict[str, object]) -> None:
                client.post("/v1/recommendations", json={"prospect": prospect}, headers=headers).raise_for_status()

            for block in range(0, len(prospects), BLOCK):
                for prospect in prospects[block : block + BLOCK]:
                    timings.append(_timed(lambda p=prospect: post(p)))
                for prospect in prospects[block : block + BLOCK]:
                    start = time.perf_counter()
                    queries.append(floor_request(library, embedder, prospect))
                    floor_timings.append((time.perf_counter() - start) * 1000)
            search_timings = []
            for i in range(100):
                params = {"q": f"{OBJECTIONS[i % 12]} {i}"}
                search_timings.append(
                    _timed(lambda p=params: client.get("/v1/search", params=p, headers=headers).raise_for_status())
                )
        throughputs = _throughputs(ports, folder, library, embedder, args)
        result["resident memory (MB)"] = round(sum(_rss_mb(s.pid) for s in servers), 0)
        result["load average after HTTP"] = _load_average()
    finally:
        for each in servers:
            each.terminate()
        for each in servers:
            each.wait(timeout=60)
    result["recommend (ms)"] = percentiles(timings)
    result["floor (ms)"] = percentiles(floor_timings)
    result["p50 / floor"] = round(statistics.median(timings) / statistics.median(floor_timings), 2)
    result["search (ms)"] = percentiles(search_timings)
    result["throughput (req/s)"] = {c: round(served, 1) for c, (served, _) in throughputs.items()}
    result["floor throughput (req/s)"] = {c: round(floor, 1) for c, (_, floor) in throughputs.items()}
    result["throughput / floor throughput"] = {c: round(s / f, 2) for c, (s, f) in throughputs.items()}
    best_served = max(throughputs.items(), key=lambda item: item[1][0])
    best_floor = max(throughputs.items(), key=lambda item: item[1][1])
    result["capacity / floor capacity"] = {
        "ratio": round(best_served[1][0] / best_floor[1][1], 2),
        "server clients": best_served[0],
        "floor threads": best_floor[0],
    }
    if library.vectors.approximate:
        result["approximate index recall"] = _recall(url, library, np.concatenate(queries))
    result["load average at end"] = _load_average()
    return result


def _throughputs(
    ports: list[int],
    folder: Path,
    library: Library,
    embedder: SentenceTransformerEmbedder,
    args: argparse.Namespace,
) -> dict[int, tuple[float, float]]:
    """For each number of concurrent clients in ``args.clients``: requests per second through HTTP (spread
    over the replicas' ``ports``, as a proxy would), and the floor's with as many threads — each embedding
    on its own or threads sharing model calls, with the model's calls on every core or on one thread each
    (as in the server's model process); the best of the four is what the floor allows. Two rounds, HTTP
    and floor alternating; every request of the run has objection texts of its own."""

    def floor_worker(index: int) -> Callable[[], object]:
        prospects = iter(_prospects(10_000, seed=200 + index))
        return lambda: floor_request(library, embedder, next(prospects))

    served: dict[int, list[float]] = {}
    floors: dict[tuple[int, bool, int], list[float]] = {}
    cores = torch.get_num_threads()
    for round_ in range(2):
        for clients in args.clients:
            served.setdefault(clients, []).append(
                _http_throughput(ports, folder, args, clients=clients, seed=100 + 10 * round_)
            )
            for threads in {cores, 1}:
                torch.set_num_threads(threads)
                for coalesce in (False, True):
                    embedder.coalesce = coalesce
                    floors.setdefault((clients, coalesce, threads), []).append(
                        _concurrently(clients, args.seconds / 8, floor_worker)
                    )
    torch.set_num_threads(cores)
    embedder.coalesce = True
    return {
        clients: (
            statistics.mean(served[clients]),
            max(statistics.mean(runs) for (c, _, _), runs in floors.items() if c == clients),
        )
        for clients in args.clients
    }


def _http_throughput(ports: list[int], folder: Path, args: argparse.Namespace, *, clients: int, seed: int) -> float:
    """Requests per second through HTTP for ``args.seconds / 2``: wrk (a load generator in C, so the client
    takes next to nothing from the two cores the server and the floor share) with ``clients``
    keep-alive connections in all, the same number on each replica."""
    files = []
    for offset, _ in enumerate(ports):
        path = folder / f"requests-{seed + offset}.tsv"
        bodies = [json.dumps({"prospect": p}) for p in _prospects(5_000, seed=seed + offset)]
        write_requests(path, [("POST", "/v1/recommendations", body) for body in bodies])
        files.append(path)
    with ThreadPoolExecutor(len(ports)) as pool:
        runs = list(
            pool.map(
                lambda target: run_wrk(
                    f"http://127.0.0.1:{target[0]}",
                    target[1],
                    key=ADMIN_KEY,
                    duration=args.seconds / 2,
                    connections=clients // len(ports),
                    threads=1,
                ),
                zip(ports, files, strict=True),
            )
        )
    if any(run.errors for run in runs):
        raise SystemExit(f"requests failed under load: {[(run.statuses, run.socket_errors) for run in runs]}")
    return sum(run.requests_per_s for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--clients",
        type=int,
        nargs="+",
        default=[4, 16],
        help="Concurrent clients (HTTP connections, floor threads) for throughput, one measurement per number.",
    )
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument(
        "--replicas", type=int, default=1, help="Server processes on the same store, clients spread over them."
    )
    args = parser.parse_args()
    if any(clients % args.replicas for clients in args.clients):
        parser.error("--clients must be multiples of --replicas (each replica gets as many connections)")
    embedder = SentenceTransformerEmbedder(cache_size=0)
    results = []
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"pitchwise-scale-{size}-"))
        try:
            results.append(measure(size, folder, args, embedder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
