"""Helpers shared by the benchmarks: ports, readiness, percentiles."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx
import numpy as np


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(client: httpx.Client, server: subprocess.Popen[bytes], started: float, limit: float = 600) -> float:
    """Poll /readyz until 200; return seconds since ``started`` (exit if the server dies or takes too long)."""
    while True:
        try:
            if client.get("/readyz").status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.perf_counter() - started > limit:
            raise SystemExit("the service did not become ready")
        time.sleep(0.1)


def percentiles(values: list[float], qs: tuple[int, ...] = (50, 95, 99)) -> dict[str, float]:
    """p50/p95/p99 (or the given percentiles), rounded to 0.1."""
    array = np.array(values)
    return {f"p{q}": round(float(np.percentile(array, q)), 1) for q in qs}
