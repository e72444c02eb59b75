#!/usr/bin/env bash
# make test: every test suite, in order, on a debug build with ASan and UBSan.
#   1. unit and HTTP tests (CTest) on SQLite and on a throw-away PostgreSQL cluster;
#   2. browser tests (Playwright in Chromium) against a real server.
# The PostgreSQL cluster is started here and always stopped, whatever fails.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_dir="$PWD/build/pg-test"
cleanup() { scripts/pg-test-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# A free port for PostgreSQL on loopback.
port=55432
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
scripts/pg-test-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true
echo "== starting a throw-away PostgreSQL cluster on 127.0.0.1:$port"
KF_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$pg_dir" "$port" </dev/null 2>"$PWD/build/pg-test.log" | tail -n 1)
export KF_TEST_PG_URL
echo "== PostgreSQL ready: ${KF_TEST_PG_URL%%@*}@…"

echo "== unit and HTTP tests (SQLite and PostgreSQL)"
ASAN_OPTIONS=detect_leaks=1 ctest --preset debug -j "$(nproc)" --timeout 300

echo "== browser tests (Chromium)"
KAIFANG_BIN=build/debug/src/app/kaifang WEB_ROOT=web/dist tests/e2e/run.sh
