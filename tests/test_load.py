"""The bounded load test (bench/load.py) on a short run: a real server under wrk answers every request."""

from __future__ import annotations

import shutil

import pytest

from bench.load import run_load

DURATION = 12


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (scripts/ensure-wrk.sh installs it)")
def test_short_load_run_has_no_errors() -> None:
    result = run_load(duration=DURATION, connections=2)
    assert result.errors == 0, (result.statuses, result.socket_errors)
    assert result.duration_s >= DURATION - 1
    # Two connections on two shared cores manage 60-140 requests a second; under 10 a second it stalled.
    assert result.requests >= 10 * DURATION, result
    assert result.workload["searches"] > 0 and result.workload["recommendations"] > 0
    assert 0 < result.latency_ms["p50"] <= result.latency_ms["p90"] <= result.latency_ms["p99"]
