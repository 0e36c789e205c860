#!/usr/bin/env bash
# Make sure Debian's wrk (HTTP load generator) is installed for the load test (bench/load.py,
# tests/test_load.py). Idempotent and quiet: does nothing when wrk is on the PATH. CI runs as root with
# no TTY; without root or apt-get it says so once and leaves it (the load test then skips).
set -euo pipefail

command -v wrk >/dev/null && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "wrk is not installed (needs root and apt-get); the load test will be skipped." >&2
  exit 0
fi
echo "Installing wrk (Debian package) for the load test..." >&2
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk; } >"$LOG" 2>&1; then
  cat "$LOG" >&2
  exit 1
fi
if ! command -v wrk >/dev/null; then
  echo "the wrk package is installed but wrk is not on the PATH" >&2
  exit 1
fi
