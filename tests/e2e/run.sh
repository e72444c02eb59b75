#!/usr/bin/env bash
# Runs the browser tests against a real Kaifang server on a private port, and the soda-js
# test against a second server over the same database that serves HTTPS itself
# (--tls-cert/--tls-key with a self-signed certificate made here by openssl). A third, the
# scenario server, has a database of its own with the lishui policy profile and the test clock
# (`serve --test-clock`, docs/testing.md): KAIFANG_SCENARIO_URL.
#   KAIFANG_BIN  server binary   (default build/release/src/app/kaifang)
#   WEB_ROOT     built web app   (default web/dist; build it with `npm run build` in web/)
#   E2E_FILES    test files to run, space-separated (default: every tests/e2e/*.test.mjs)
# Works without a terminal (CI=true). Exits with the status of `node --test tests/e2e/`.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

abs() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$repo/$1" ;; esac; }
bin="$(abs "${KAIFANG_BIN:-build/release/src/app/kaifang}")"
web_root="$(abs "${WEB_ROOT:-web/dist}")"

fail() { echo "e2e: $*" >&2; exit 2; }
[[ -x "$bin" ]] || fail "server binary not found or not executable: $bin"
[[ -f "$web_root/index.html" ]] || fail "no built web app at $web_root (run: (cd web && npm ci && npm run build))"
[[ -d web/node_modules/playwright-core ]] || fail "playwright-core missing (run: (cd web && npm ci))"
[[ -x "${CHROMIUM_BIN:-/usr/bin/chromium}" ]] || fail "chromium not found (apt-get install chromium)"
command -v curl >/dev/null || fail "curl not found"
command -v openssl >/dev/null || fail "openssl not found (apt-get install openssl)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kaifang-e2e.XXXXXX")"
results="$repo/tests/e2e/results"
mkdir -p "$results"
server_pid=""
tls_pid=""
scenario_pid=""

stop_server() {
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "e2e: server $pid did not stop on SIGTERM; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  stop_server "$scenario_pid"
  stop_server "$tls_pid"
  stop_server "$server_pid"
  [[ -f "$tmp/server.log" ]] && cp "$tmp/server.log" "$results/server.log"
  [[ -f "$tmp/server-tls.log" ]] && cp "$tmp/server-tls.log" "$results/server-tls.log"
  [[ -f "$tmp/server-scenario.log" ]] && cp "$tmp/server-scenario.log" "$results/server-scenario.log"
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port: ask the kernel for one, then give it back to the server.
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}
port="$(free_port)"
url="http://127.0.0.1:$port"

# Waits until `curl ARGS URL/healthz` answers; $1 pid, $2 URL, $3 log, then curl options.
wait_ready() {
  local pid="$1" u="$2" log="$3"
  shift 3
  for _ in $(seq 1 120); do # 120 x 0.25 s = 30 s
    if curl -fsS --max-time 2 "$@" "$u/healthz" >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "e2e: server did not answer $u/healthz within 30 s; its log:" >&2
  else
    echo "e2e: server exited before answering $u/healthz; its log:" >&2
  fi
  tail -n 50 "$log" >&2 || true
  return 1
}

# The main server is the demo deployment: the demo city's configuration with its brand
# (潍坊市公共数据开放平台), as `make demo` runs it.
demo_config="$repo/data/demo/kaifang.toml"
echo "e2e: init database in $tmp"
"$bin" init --db "sqlite:$tmp/e2e.db" --config "$demo_config" --admin-password 'Root-Pass-2026!' </dev/null >"$tmp/init.log" 2>&1 \
  || { cat "$tmp/init.log" >&2; fail "kaifang init failed"; }

# The demo city: organisations, accounts and (with the catalog) its entries and their data,
# which tests/e2e/catalog.test.mjs searches.
echo "e2e: loading the demo city"
"$bin" demo --db "sqlite:$tmp/e2e.db" --config "$demo_config" --max-rows "${DEMO_MAX_ROWS:-2000}" </dev/null >"$tmp/demo.log" 2>&1 \
  || { tail -n 50 "$tmp/demo.log" >&2; fail "kaifang demo failed"; }

echo "e2e: starting server on $url (web root $web_root)"
"$bin" serve --db "sqlite:$tmp/e2e.db" --config "$demo_config" --listen "127.0.0.1:$port" --web-root "$web_root" \
  </dev/null >"$tmp/server.log" 2>&1 &
server_pid=$!

wait_ready "$server_pid" "$url" "$tmp/server.log" || exit 1

# The same database over HTTPS, for tests/e2e/soda.test.mjs (soda-js only speaks HTTPS).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$tmp/tls-key.pem" -out "$tmp/tls-cert.pem" >"$tmp/openssl.log" 2>&1 \
  || { cat "$tmp/openssl.log" >&2; fail "openssl could not make a test certificate"; }
tls_port="$(free_port)"
tls_url="https://127.0.0.1:$tls_port"
echo "e2e: starting TLS server on $tls_url"
"$bin" serve --db "sqlite:$tmp/e2e.db" --config "$demo_config" --listen "127.0.0.1:$tls_port" \
  --tls-cert "$tmp/tls-cert.pem" --tls-key "$tmp/tls-key.pem" </dev/null >"$tmp/server-tls.log" 2>&1 &
tls_pid=$!
wait_ready "$tls_pid" "$tls_url" "$tmp/server-tls.log" --cacert "$tmp/tls-cert.pem" || exit 1

# The scenario server: its own demo city (fewer rows) under the lishui profile, on the test
# clock from Monday 28 September 2026 09:00 China time. Tests move its clock with moveClock()
# (browser.mjs); sessions last a year so that jumps of the clock do not end them.
cat >"$tmp/scenario.toml" <<'TOML'
[policy]
profile = "lishui"

[testing]
allow_test_clock = true

[security]
session_idle_minutes = 525600
session_ttl_minutes = 525600

[workflow]
tick_seconds = 0

# The per-address limiter refills on the server's clock, which is the test clock here and only
# moves when a test moves it: without a large bucket, the requests of one test file (the
# conditional-data journey makes many) would leave the next one answered 429.
[rate_limit]
per_ip_per_second = 100000
burst = 100000
TOML
scenario_db="sqlite:$tmp/scenario/scenario.db"
mkdir -p "$tmp/scenario"
echo "e2e: init and demo city for the scenario server (lishui, test clock)"
"$bin" init --db "$scenario_db" --config "$tmp/scenario.toml" --admin-password 'Root-Pass-2026!' </dev/null \
  >"$tmp/scenario-init.log" 2>&1 || { cat "$tmp/scenario-init.log" >&2; fail "kaifang init (scenario) failed"; }
"$bin" demo --db "$scenario_db" --config "$tmp/scenario.toml" --max-rows "${SCENARIO_MAX_ROWS:-200}" </dev/null \
  >"$tmp/scenario-demo.log" 2>&1 || { tail -n 50 "$tmp/scenario-demo.log" >&2; fail "kaifang demo (scenario) failed"; }
scenario_port="$(free_port)"
scenario_url="http://127.0.0.1:$scenario_port"
echo "e2e: starting scenario server on $scenario_url"
"$bin" serve --db "$scenario_db" --config "$tmp/scenario.toml" --listen "127.0.0.1:$scenario_port" \
  --web-root "$web_root" --test-clock 2026-09-28T09:00 </dev/null >"$tmp/server-scenario.log" 2>&1 &
scenario_pid=$!
wait_ready "$scenario_pid" "$scenario_url" "$tmp/server-scenario.log" || exit 1

export KAIFANG_URL="$url"
export KAIFANG_SCENARIO_URL="$scenario_url"
export KAIFANG_TLS_URL="$tls_url"
export KAIFANG_TLS_CA="$tmp/tls-cert.pem"
export KAIFANG_DB_FILE="$tmp/e2e.db"        # desensitize.test.mjs reads the version files
export KAIFANG_SERVER_LOG="$tmp/server.log"
echo "e2e: server ready; running browser tests"
status=0
# shellcheck disable=SC2086 # E2E_FILES is a list of paths
node --test ${E2E_FILES:-tests/e2e/} || status=$?
if [[ $status -ne 0 ]]; then
  echo "e2e: tests failed; last server log lines:" >&2
  tail -n 30 "$tmp/server.log" >&2 || true
  echo "e2e: last TLS server log lines:" >&2
  tail -n 10 "$tmp/server-tls.log" >&2 || true
  echo "e2e: screenshots in $results" >&2
fi
exit "$status"
