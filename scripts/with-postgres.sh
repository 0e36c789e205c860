#!/usr/bin/env bash
# Run a command beside a throwaway PostgreSQL cluster on loopback, with PITCHWISE_TEST_DATABASE_URL set.
# Installs Debian's postgresql when it is missing and we are root; otherwise runs the command without it
# (the PostgreSQL tests then skip). The cluster and its folder are removed when the command ends.
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

PG_BIN=$(find_bin)
if [ -z "$PG_BIN" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing PostgreSQL (Debian package)..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(find_bin)
fi
if [ -z "$PG_BIN" ]; then
  echo "PostgreSQL is not installed; the PostgreSQL tests will be skipped." >&2
  exec "$@"
fi

DIR=$(mktemp -d /tmp/pitchwise-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
AS_OWNER=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$DIR"
  AS_OWNER=(runuser -u postgres --)
fi
"${AS_OWNER[@]}" "$PG_BIN/initdb" -D "$DIR/data" -U pitchwise --auth=trust -E UTF8 >/dev/null
"${AS_OWNER[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c full_page_writes=off" start >/dev/null
cleanup() {
  "${AS_OWNER[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
"${AS_OWNER[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U pitchwise pitchwise_test
export PITCHWISE_TEST_DATABASE_URL="postgresql+psycopg://pitchwise@127.0.0.1:$PORT/pitchwise_test"
# How the outage test stops and restarts this cluster.
export PITCHWISE_TEST_PG_CTL="${AS_OWNER[*]} $PG_BIN/pg_ctl -D $DIR/data -l $DIR/server.log -w -o '-h 127.0.0.1 -p $PORT -k $DIR'"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
"$@"
