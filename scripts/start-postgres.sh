#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the tests and print its URL.
#
# Idempotent: reuses the cluster (and a running server) in $DETENTE_PG_DIR
# (default: /tmp/detente-pg). Listens on 127.0.0.1:${DETENTE_PG_PORT:-5433}
# with trust auth; creates database detente_test. Runs the server as the
# postgres user when started as root (PostgreSQL refuses to run as root).
set -euo pipefail
PORT=${DETENTE_PG_PORT:-5433}
DIR=${DETENTE_PG_DIR:-/tmp/detente-pg}
DB=${DETENTE_PG_DB:-detente_test}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$BIN/initdb" ] || { echo "error: PostgreSQL server binaries not found (run: make system-deps)" >&2; exit 1; }

as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -s "$DIR/data/PG_VERSION" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
    as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; exit 1; }
fi
if ! as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
        || { tail -20 "$DIR/server.log" >&2; exit 1; }
fi
for _ in $(seq 1 60); do
    "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q && break
    sleep 0.5
done
if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='$DB'" postgres | grep -q 1; then
    "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"
