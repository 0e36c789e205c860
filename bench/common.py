"""Helpers shared by the benchmarks: ports, readiness, percentiles."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    command: str, data_dir: Path, port: int, *, admin_key: str, log: Path | None = None, **settings: str
) -> subprocess.Popen[bytes]:
    """Start ``pitchwise <command>`` (``serve`` or ``demo``) on loopback over its own SQLite data folder.

    ``admin_key`` becomes ``PITCHWISE_ADMIN_KEY``; extra ``settings`` are passed as ``PITCHWISE_<NAME>``;
    the server's output goes to ``log`` (or nowhere).
    """
    env = {**os.environ, "PITCHWISE_DATA_DIR": str(data_dir), "PITCHWISE_ADMIN_KEY": admin_key}
    env.pop("PITCHWISE_DATABASE_URL", None)
    env.update({f"PITCHWISE_{name.upper()}": value for name, value in settings.items()})
    command_line = [str(Path(sys.executable).parent / "pitchwise"), command, "--host", "127.0.0.1", "--port", str(port)]
    if log is None:
        return subprocess.Popen(command_line, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with log.open("ab") as output:
        return subprocess.Popen(command_line, env=env, stdout=output, stderr=subprocess.STDOUT)


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


def stop_server(server: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Stop a server started by ``start_server`` (SIGTERM, then SIGKILL if it does not exit in ``timeout`` s)."""
    server.terminate()
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=timeout)
