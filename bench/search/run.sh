#!/usr/bin/env bash
# Database search backend benchmark on SQLite then PostgreSQL (bench/search/run.py on each).
#   usage: bash bench/search/run.sh [extra run.py args, e.g. --queries 600]
#   DOCUMENTS=100000 (default)   REUSE=1 keeps the indexes already built   PG_URL=postgres://…/db
# The SQLite file lives under $MUA_THI_BENCH_DIR (/tmp/muathi-bench); the PostgreSQL database is created when
# missing. Never point PG_URL at the database "test" (CI's).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VAR=${MUA_THI_BENCH_DIR:-/tmp/muathi-bench}
DOCS=${DOCUMENTS:-100000}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/muathi_bench_search}
SQLITE=$VAR/search.sqlite3
PY=$ROOT/.venv/bin/python
export MUA_THI_VAR_DIR=$VAR
mkdir -p "$VAR"
cd "$ROOT"

REUSE_ARG=()
if [ "${REUSE:-0}" = 1 ]; then REUSE_ARG=(--reuse); else rm -f "$SQLITE" "$SQLITE-wal" "$SQLITE-shm"; fi

$PY bench/search/run.py --database-url "sqlite:///$SQLITE" --documents "$DOCS" "${REUSE_ARG[@]}" "$@" \
  2>&1 | tee "$VAR/search-sqlite.log"

DB=${PG_URL##*/}
HOSTPORT=${PG_URL#*@}; HOSTPORT=${HOSTPORT%%/*}
PGUSER_=${PG_URL#*://}; PGUSER_=${PGUSER_%%@*}
if [ "$DB" = test ]; then echo "refusing to use the CI database 'test'" >&2; exit 2; fi
if ! psql -h "${HOSTPORT%%:*}" -p "${HOSTPORT##*:}" -U "$PGUSER_" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  createdb -h "${HOSTPORT%%:*}" -p "${HOSTPORT##*:}" -U "$PGUSER_" "$DB"
fi
$PY bench/search/run.py --database-url "$PG_URL" --documents "$DOCS" "${REUSE_ARG[@]}" "$@" \
  2>&1 | tee "$VAR/search-postgresql.log"
