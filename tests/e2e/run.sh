#!/usr/bin/env bash
# Runs the browser tests against a real Kaifang server on a private port.
#   KAIFANG_BIN  server binary   (default build/release/src/app/kaifang)
#   WEB_ROOT     built web app   (default web/dist; build it with `npm run build` in web/)
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

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kaifang-e2e.XXXXXX")"
results="$repo/tests/e2e/results"
mkdir -p "$results"
server_pid=""

cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "e2e: server did not stop on SIGTERM; killing it" >&2
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null || true
  fi
  [[ -f "$tmp/server.log" ]] && cp "$tmp/server.log" "$results/server.log"
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port: ask the kernel for one, then give it back to the server.
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});")"
url="http://127.0.0.1:$port"

echo "e2e: init database in $tmp"
"$bin" init --db "sqlite:$tmp/e2e.db" --admin-password 'Root-Pass-2026!' </dev/null >"$tmp/init.log" 2>&1 \
  || { cat "$tmp/init.log" >&2; fail "kaifang init failed"; }

# The demo city: organisations, accounts and (with the catalog) its entries and their data,
# which tests/e2e/catalog.test.mjs searches.
echo "e2e: loading the demo city"
"$bin" demo --db "sqlite:$tmp/e2e.db" --max-rows "${DEMO_MAX_ROWS:-2000}" </dev/null >"$tmp/demo.log" 2>&1 \
  || { tail -n 50 "$tmp/demo.log" >&2; fail "kaifang demo failed"; }

echo "e2e: starting server on $url (web root $web_root)"
"$bin" serve --db "sqlite:$tmp/e2e.db" --listen "127.0.0.1:$port" --web-root "$web_root" \
  </dev/null >"$tmp/server.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 120); do # 120 x 0.25 s = 30 s
  if curl -fsS --max-time 2 "$url/healthz" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.25
done
if [[ -z "$ready" ]]; then
  if kill -0 "$server_pid" 2>/dev/null; then
    echo "e2e: server did not answer $url/healthz within 30 s; its log:" >&2
  else
    echo "e2e: server exited before answering $url/healthz; its log:" >&2
  fi
  tail -n 50 "$tmp/server.log" >&2 || true
  exit 1
fi

export KAIFANG_URL="$url"
echo "e2e: server ready; running browser tests"
status=0
node --test tests/e2e/ || status=$?
if [[ $status -ne 0 ]]; then
  echo "e2e: tests failed; last server log lines:" >&2
  tail -n 30 "$tmp/server.log" >&2 || true
  echo "e2e: screenshots in $results" >&2
fi
exit "$status"
