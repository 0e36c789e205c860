#!/usr/bin/env bash
# Make sure Debian's chromium is installed for the browser tests (tests/pages, marker `browser`).
# Idempotent and quiet: does nothing when /usr/bin/chromium is there. CI runs as root with no TTY;
# without root or apt-get it says so once and leaves it (the browser tests then skip).
set -euo pipefail

CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "chromium is not installed (needs root and apt-get); the browser tests will be skipped." >&2
  exit 0
fi
echo "Installing chromium (Debian package) for the browser tests..." >&2
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; } >"$LOG" 2>&1; then
  cat "$LOG" >&2
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "the chromium package is installed but $CHROMIUM is missing" >&2
  exit 1
fi
