#!/usr/bin/env bash
# A lighthouse-style check of the portal's pages in Chromium (issue 12 item 7): for each public
# page, cold loads measured with the browser's Performance API — first contentful paint, largest
# contentful paint, when the page's content is there, bytes transferred, requests — against a
# budget of 1.5 s, beside two references measured in the same run:
#   static  nginx serving a static snapshot of the same home page (no scripts): the floor;
#   nginx   the same built app served by nginx (gzip_static) with /api proxied to kaifang.
#
#   bench/pages.sh                 # every page, 5 cold loads each (median reported)
#   BENCH_RUNS=3 bench/pages.sh
#
# Environment (all optional):
#   KAIFANG_BIN        kaifang binary (default build/release/src/app/kaifang)
#   WEB_ROOT           the built app (default web/dist; `cd web && npm run build`)
#   BENCH_RUNS=5       cold loads per page and target
#   BENCH_DEMO_ROWS=2000  rows per demo dataset (`kaifang demo --max-rows`)
#   BENCH_BUDGET_MS=1500  the budget for "content there" and LCP
#   BENCH_KEEP=1       keep the temp directory (logs, JSON of every load)
#
# Needs: nginx (nginx-light), curl, chromium, node and web/node_modules (npm ci). Prints a
# Markdown table; exits 0 when every kaifang page is within budget, 3 when one is not, 1 when
# the run itself failed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "pages.sh: $*" >&2; exit 1; }
abs() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$repo/$1" ;; esac; }

kaifang_bin="$(abs "${KAIFANG_BIN:-build/release/src/app/kaifang}")"
web_root="$(abs "${WEB_ROOT:-web/dist}")"
[[ -x "$kaifang_bin" ]] || die "kaifang binary not found: $kaifang_bin (cmake --preset release && cmake --build --preset release, or set KAIFANG_BIN)"
[[ -f "$web_root/index.html" ]] || die "no built web app at $web_root (cd web && npm ci && npm run build)"
[[ -d "$repo/web/node_modules/playwright-core" ]] || die "playwright-core missing (cd web && npm ci)"
[[ -x "${CHROMIUM_BIN:-/usr/bin/chromium}" ]] || die "chromium not found (apt-get install chromium)"
nginx_bin="$(command -v nginx || true)"
[[ -z "$nginx_bin" && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
[[ -n "$nginx_bin" ]] || die "'nginx' not found: apt-get install nginx-light"
command -v curl >/dev/null || die "'curl' not found"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kf-pages.XXXXXX")"
pids=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local status=$? pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ "${BENCH_KEEP:-0}" = 1 || ($status -ne 0 && $status -ne 3) ]]; then
    echo "pages.sh: files kept in $tmp" >&2
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 10000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free loopback port found"
}

wait_ready() {
  local name="$1" url="$2" pid="$3" log="$4"
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$log" >&2; die "$name exited before answering $url"; }
    curl -fsS --max-time 1 -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  tail -n 20 "$log" >&2
  die "$name did not answer $url within 30 s"
}

# --- kaifang with the demo city (its brand and data) -----------------------------------------
config="$repo/data/demo/kaifang.toml"
k_port="$(free_port)"
mkdir -p "$tmp/kaifang"
echo "pages.sh: demo city into $tmp/kaifang (max rows ${BENCH_DEMO_ROWS:-2000})" >&2
(cd "$tmp/kaifang" && "$kaifang_bin" init --db "sqlite:$tmp/kaifang/bench.db" --config "$config" \
  --admin-password 'Bench-Pass-2026!' && "$kaifang_bin" demo --db "sqlite:$tmp/kaifang/bench.db" \
  --config "$config" --max-rows "${BENCH_DEMO_ROWS:-2000}") >"$tmp/kaifang/init.log" 2>&1 ||
  { tail -n 20 "$tmp/kaifang/init.log" >&2; die "kaifang init / demo failed"; }
(cd "$tmp/kaifang" && exec "$kaifang_bin" serve --db "sqlite:$tmp/kaifang/bench.db" --config "$config" \
  --listen "127.0.0.1:$k_port" --web-root "$web_root") >"$tmp/kaifang/serve.log" 2>&1 &
pids+=("$!")
wait_ready kaifang "http://127.0.0.1:$k_port/healthz" "$!" "$tmp/kaifang/serve.log"

# --- nginx: the same app (static files by nginx, /api to kaifang) and the static snapshot ------
n_port="$(free_port)"
s_port="$(free_port)"
mkdir -p "$tmp/nginx/temp" "$tmp/static"
# nginx's workers run as another user when the master is root: they must read the snapshot.
chmod 755 "$tmp" "$tmp/static"
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path $tmp/nginx/temp/body;
  proxy_temp_path $tmp/nginx/temp/proxy;
  fastcgi_temp_path $tmp/nginx/temp/fastcgi;
  uwsgi_temp_path $tmp/nginx/temp/uwsgi;
  scgi_temp_path $tmp/nginx/temp/scgi;
  gzip on;
  gzip_static on;
  gzip_types text/css application/javascript text/javascript application/json image/svg+xml;
  server {
    listen 127.0.0.1:$n_port;
    root $web_root;
    location /assets/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
    location /api/ { proxy_pass http://127.0.0.1:$k_port; }
    location = /healthz { proxy_pass http://127.0.0.1:$k_port; }
    # index.html through kaifang too: it carries the deployment's brand.
    location / { try_files \$uri @app; }
    location @app { proxy_pass http://127.0.0.1:$k_port; }
  }
  server {
    listen 127.0.0.1:$s_port;
    root $tmp/static;
    location / { try_files \$uri /index.html; }
  }
}
EOF
"$nginx_bin" -p "$tmp/nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx/nginx.conf" >"$tmp/nginx/stdout.log" 2>&1 &
pids+=("$!")
wait_ready nginx "http://127.0.0.1:$n_port/healthz" "$!" "$tmp/nginx/error.log"

echo "pages.sh: measuring (runs ${BENCH_RUNS:-5})" >&2
status=0
KAIFANG_URL="http://127.0.0.1:$k_port" NGINX_URL="http://127.0.0.1:$n_port" STATIC_URL="http://127.0.0.1:$s_port" \
  STATIC_DIR="$tmp/static" OUT_DIR="$tmp" WEB_ROOT="$web_root" \
  node "$repo/bench/pages.mjs" || status=$?
echo "($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(chromium --version 2>/dev/null | head -1), $("$nginx_bin" -v 2>&1 | sed 's/.*: //'))"
exit "$status"
