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
log_dir="$PWD/build/test-logs"
mkdir -p "$log_dir"
ASAN_OPTIONS=detect_leaks=1 ctest --preset debug -j "$(nproc)" --timeout 300 | tee "$log_dir/ctest.log"

echo "== browser tests (Chromium)"
KAIFANG_BIN=build/debug/src/app/kaifang WEB_ROOT=web/dist tests/e2e/run.sh | tee "$log_dir/e2e.log"

# One closing line for all suites.
ctest_total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$log_dir/ctest.log" | tail -n 1)
ctest_failed=$(sed -n 's/.* \([0-9]*\) tests failed out of.*/\1/p' "$log_dir/ctest.log" | tail -n 1)
ctest_skipped=$(grep -c '\*\*\*Skipped' "$log_dir/ctest.log" || true)
e2e_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log_dir/e2e.log" | tail -n 1)
e2e_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log_dir/e2e.log" | tail -n 1)
passed=$((ctest_total - ctest_failed - ctest_skipped + e2e_pass))
failed=$((ctest_failed + e2e_fail))
echo
echo "summary: $passed passed, $failed failed, $ctest_skipped skipped"
