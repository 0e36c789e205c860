"""Bounded load test: a real ``pitchwise demo`` server on loopback, driven by wrk for a fixed time.

    .venv/bin/python -m bench.load [--duration 120] [--connections 2] [--threads 1]

Starts ``pitchwise demo`` (``pitchwise serve`` plus the bundled sample library) on a free loopback
port with a fresh data folder and an admin key (admin keys have no rate limit, so this measures
capacity, not the limiter), warms it up, then runs Debian's ``wrk`` for ``--duration`` seconds with
``--connections`` keep-alive connections. wrk rotates through realistic requests built from the demo
library (bench/load.lua): CRM-sidebar ``POST /v1/recommendations`` bodies with the industries, job
titles, CRM stages and objections reps type, and about one ``GET /v1/search`` in five. Prints
requests, throughput, p50/p90/p99 latency and errors (non-2xx responses and socket errors) as JSON
and exits 1 if any error occurred. wrk comes from ``scripts/ensure-wrk.sh`` (``make load`` runs it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench.common import free_port, start_server, stop_server, wait_ready
from personas.defaults import load_default_personas
from service.demo import load_sample_assets

ADMIN_KEY = "load-admin-key"
LUA_SCRIPT = Path(__file__).with_name("load.lua")

# What reps type into the CRM beside the library's own vocabulary.
REP_INDUSTRIES = ["hospital network", "Mfg", "retail chain", "university", "3PL", "SaaS", "regional bank", "GC"]
REP_TITLES = [
    "SVP Finance & Accounting, EMEA",
    "Dir. IT",
    "AP mgr",
    "Head of Procurement - NA",
    "VP, Ops (West)",
    "Sr. Controller",
    "CISO / DPO",
    "Owner & President",
]
REP_OBJECTIONS = [
    "cfo says too pricey",
    "we already do AP in our ERP",
    "rollout will drag on for months",
    "security review with their CISO",
    "does it sync with NetSuite?",
    "team won't adopt another tool",
    "not sure we'd ever get the money back",
    "suppliers hate portals",
    "we're a small shop",
    "stuck in a contract until next year",
    "OCR never reads our invoices right",
    "auditors want approval trails",
    "support at the last vendor was awful",
    "we pay suppliers in 12 currencies",
]
OBJECTION_FORMS = ["{o}", "{o}", "{company} says {o}", "{o} per the {role}", "{o} - raised on the {stage} call"]
ROLES = ["CFO", "controller", "IT lead", "procurement team", "board", "AP supervisor"]
STAGES = [
    "Prospecting",
    "Discovery",
    "2 - Discovery",
    "Demo",
    "Proposal",
    "Negotiation",
    "Contract",
    "Closing",
    "awareness",
    "mofu",
    None,
]
COMPANIES = [
    "Mercy Health",
    "Northwind Foods",
    "Keystone Builders",
    "Brightline Logistics",
    "Cedar Valley University",
    "Atlas Fabrication",
    "Harbor Retail Group",
    "Summit Credit Union",
    "Orbit Software",
    "Pinecrest Clinics",
]
SEARCH_TERMS = ["ROI", "invoice capture", "ERP integration", "SOC 2", "supplier portal", "approval workflow"]


@dataclass
class LoadResult:
    """What one wrk run measured."""

    duration_s: float
    connections: int
    threads: int
    requests: int
    requests_per_s: float
    latency_ms: dict[str, float]
    non_2xx: int
    statuses: dict[str, int]
    socket_errors: dict[str, int]
    workload: dict[str, int] = field(default_factory=dict)
    server_ready_s: float = 0.0

    @property
    def errors(self) -> int:
        """Non-2xx responses plus socket errors (connect, read, write, timeout)."""
        return self.non_2xx + sum(self.socket_errors.values())


def workload(count: int, *, search_share: float = 0.2, seed: int = 11) -> list[tuple[str, str, str]]:
    """``count`` requests (method, path, JSON body or "") built from the demo library and rep phrasing.

    Most objection texts are new phrasings, as in real CRM traffic, so the query-embedding cache
    helps only as much as it would in production.
    """
    rng = random.Random(seed)
    assets = load_sample_assets()
    library_industries = sorted({i for a in assets for i in a.get("industries", [])})
    industries: list[str | None] = [*library_industries, *REP_INDUSTRIES, None]
    objections = sorted({o for a in assets for o in a.get("objections", [])}) + REP_OBJECTIONS
    titles: list[str | None] = [*(t for p in load_default_personas() for t in p.example_titles), *REP_TITLES, None]
    personas = [p.persona_id for p in load_default_personas()]
    requests: list[tuple[str, str, str]] = []
    for n in range(count):
        if rng.random() < search_share:
            params: dict[str, object] = {"q": rng.choice(objections + SEARCH_TERMS), "limit": rng.choice([10, 20])}
            if rng.random() < 0.5:
                params["persona"] = rng.choice(personas)
            if rng.random() < 0.3:
                params["stage"] = rng.choice(["awareness", "evaluation", "conversion"])
            requests.append(("GET", f"/v1/search?{urlencode(params)}", ""))
            continue
        company = rng.choice(COMPANIES)
        stage = rng.choice(STAGES)
        said = [
            rng.choice(OBJECTION_FORMS).format(o=o, company=company, role=rng.choice(ROLES), stage=stage or "intro")
            for o in rng.sample(objections, rng.choice([0, 1, 1, 2, 2, 3]))
        ]
        body = {
            "prospect": {
                "industry": rng.choice(industries),
                "title": rng.choice(titles),
                "stage": stage,
                "objections": said,
                "company": company,
                "opportunity_id": f"006Qx{n:08d}",
                "rep_id": f"u-{rng.randint(1, 40)}",
            },
            "limit": rng.choice([5, 5, 5, 3, 10]),
            "content_types": rng.choice([None, None, None, ["case_study", "roi_calculator"]]),
        }
        requests.append(("POST", "/v1/recommendations", json.dumps(body)))
    return requests


def write_requests(path: Path, requests: list[tuple[str, str, str]]) -> None:
    """One request a line, ``METHOD<TAB>PATH<TAB>BODY``, as bench/load.lua reads them."""
    path.write_text("".join(f"{method}\t{target}\t{body}\n" for method, target, body in requests), encoding="utf-8")


def run_wrk(
    base_url: str, requests_file: Path, *, key: str, duration: float, connections: int, threads: int
) -> LoadResult:
    """Run wrk against ``base_url`` for ``duration`` seconds and parse the totals bench/load.lua prints."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed: run scripts/ensure-wrk.sh (as root) or apt-get install wrk")
    command = [
        wrk,
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, round(duration))}s",
        "--timeout=10s",
        f"--script={LUA_SCRIPT}",
        base_url,
        "--",
        str(requests_file),
        key,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + 120, check=False)
    lines = [line for line in completed.stdout.splitlines() if line.startswith("PITCHWISE_LOAD ")]
    if completed.returncode != 0 or not lines:
        raise SystemExit(f"wrk failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}")
    totals = json.loads(lines[-1].removeprefix("PITCHWISE_LOAD "))
    seconds = totals["duration_us"] / 1e6
    latency = {name: round(value / 1000, 1) for name, value in totals["latency_us"].items()}
    return LoadResult(
        duration_s=round(seconds, 1),
        connections=connections,
        threads=threads,
        requests=totals["requests"],
        requests_per_s=round(totals["requests"] / seconds, 1) if seconds else 0.0,
        latency_ms=latency,
        non_2xx=totals["non_2xx"],
        statuses=totals["statuses"],
        socket_errors=totals["socket_errors"],
    )


def run_load(*, duration: float, connections: int, threads: int = 1, count: int = 5000, warmup: int = 20) -> LoadResult:
    """Start a demo server on a fresh data folder, warm it up, drive it with wrk, stop it."""
    if connections < threads:
        raise ValueError(f"connections ({connections}) must be at least threads ({threads})")
    requests = workload(count)
    with tempfile.TemporaryDirectory(prefix="pitchwise-load-") as folder:
        data_dir = Path(folder)
        requests_file = data_dir / "requests.tsv"
        write_requests(requests_file, requests)
        port = free_port()
        log = data_dir / "server.log"
        server = start_server("demo", data_dir / "data", port, admin_key=ADMIN_KEY, log=log, log_level="WARNING")
        base_url = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base_url, timeout=60) as client:
                ready = wait_ready(client, server, time.perf_counter())
                headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
                for method, target, body in workload(warmup, seed=1):
                    kind = {"Content-Type": "application/json"} if body else {}
                    client.request(method, target, content=body or None, headers=headers | kind).raise_for_status()
            result = run_wrk(
                base_url, requests_file, key=ADMIN_KEY, duration=duration, connections=connections, threads=threads
            )
        except BaseException:
            print(log.read_text(errors="replace")[-4000:])
            raise
        finally:
            stop_server(server)
        if result.errors:
            print(log.read_text(errors="replace")[-4000:])
    result.server_ready_s = round(ready, 1)
    result.workload = {
        "distinct_requests": len(requests),
        "recommendations": sum(method == "POST" for method, _, _ in requests),
        "searches": sum(method == "GET" for method, _, _ in requests),
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=120, help="seconds of load (default 120)")
    parser.add_argument("--connections", type=int, default=2, help="concurrent keep-alive connections (default 2)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1; at most --connections)")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    result = run_load(duration=args.duration, connections=args.connections, threads=args.threads)
    report = {
        **asdict(result),
        "errors": result.errors,
        "machine": {"cores": os.cpu_count(), "load_average_1m_before": round(load_before, 2)},
    }
    print(json.dumps(report, indent=2))
    if result.errors:
        raise SystemExit(f"{result.errors} requests failed")


if __name__ == "__main__":
    main()
