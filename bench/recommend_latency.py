"""Demo-library benchmark: cold start to ready, and recommendation latency through HTTP vs. the raw floor.

Starts ``pitchwise demo`` on a free loopback port with a fresh data folder,
times start-up until /readyz answers 200, sends a bounded series of
recommendation requests from one client, and measures in the same run the
raw floor: query embedding plus FAISS search in-process on the same library.

    .venv/bin/python -m bench.recommend_latency [--requests 200]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.common import free_port, percentiles, wait_ready

OBJECTIONS = [
    "price is too high",
    "we already use the AP module in our ERP",
    "implementation will drag on for months",
    "security review with our CISO",
    "does it sync with NetSuite",
    "the team won't adopt another tool",
    "not sure we'd get our money back",
    "suppliers hate portals",
    "we're a small shop",
    "stuck in a contract until next year",
    "OCR never reads our invoices right",
    "auditors want approval trails",
    "support at our last vendor was awful",
    "we pay suppliers in 12 currencies",
]
TITLES = ["CFO", "VP Finance", "Controller", "IT Director", "CISO", "COO", "Procurement Manager", "AP Manager"]
STAGES = ["Discovery", "Proposal", "Negotiation", "awareness", "mofu", None]
INDUSTRIES = ["Healthcare", "Manufacturing", "Retail", "Logistics", None]


def _prospects(count: int, seed: int = 7) -> list[dict[str, object]]:
    """Prospects whose objection texts never repeat, so no request is served from the query cache."""
    rng = random.Random(seed)
    return [
        {
            "title": rng.choice(TITLES),
            "stage": rng.choice(STAGES),
            "industry": rng.choice(INDUSTRIES),
            "objections": [
                f"{o} (deal {seed}-{n}-{i})" for i, o in enumerate(rng.sample(OBJECTIONS, rng.randint(1, 3)))
            ],
        }
        for n in range(count)
    ]


def _floor(data_dir: Path, prospects: list[dict[str, object]]) -> list[float]:
    """In-process: embed each request's objections in one call, then one FAISS search."""
    from content_store.db import make_engine, make_session_factory
    from indexing.embedder import SentenceTransformerEmbedder
    from indexing.library import Library
    from indexing.sync import IndexSync

    embedder = SentenceTransformerEmbedder(cache_size=0)
    engine = make_engine(f"sqlite:///{data_dir / 'pitchwise.db'}")
    library = Library(embedder.dimension)
    IndexSync(make_session_factory(engine), library, index_path=None, model=embedder.name).build()
    for prospect in _prospects(10, seed=1):
        library.vectors.search(embedder.encode(list(prospect["objections"])), 50)  # type: ignore[arg-type]
    timings = []
    for prospect in prospects:
        start = time.perf_counter()
        vectors = embedder.encode(list(prospect["objections"]))  # type: ignore[arg-type]
        library.vectors.search(vectors, 50)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="pitchwise-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "PITCHWISE_DATA_DIR": str(data_dir),
        "PITCHWISE_ADMIN_KEY": "bench-key",
        "PITCHWISE_LOG_LEVEL": "WARNING",
    }
    pitchwise = Path(sys.executable).parent / "pitchwise"
    results: dict[str, object] = {}
    for phase in ("first start (loads the sample library)", "warm start"):
        started = time.perf_counter()
        server = subprocess.Popen(
            [str(pitchwise), "demo", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                ready = wait_ready(client, server, started)
                results[f"cold start to ready, {phase} (s)"] = round(ready, 2)
                if phase == "warm start":
                    prospects = _prospects(args.requests)
                    headers = {"Authorization": "Bearer bench-key"}
                    for prospect in _prospects(10, seed=1):
                        client.post("/v1/recommendations", json={"prospect": prospect}, headers=headers)
                    timings = []
                    for prospect in prospects:
                        start = time.perf_counter()
                        response = client.post("/v1/recommendations", json={"prospect": prospect}, headers=headers)
                        timings.append((time.perf_counter() - start) * 1000)
                        response.raise_for_status()
                    results["assets"] = client.get("/readyz").json()["assets_indexed"]
        finally:
            server.terminate()
            server.wait(timeout=30)
    floor = _floor(data_dir, _prospects(args.requests))
    results.update(
        {
            "requests": args.requests,
            "recommendation (ms)": percentiles(timings),
            "floor p50 (ms)": round(statistics.median(floor), 1),
            "p50 ratio to floor": round(statistics.median(timings) / statistics.median(floor), 2),
        }
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
