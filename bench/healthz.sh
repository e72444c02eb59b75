#!/usr/bin/env bash
# Load-tests GET /healthz of kaifang and, in the same run, of a throw-away nginx answering the
# same body, so the figures can be compared on a noisy machine. Loopback only.
#
#   bench/healthz.sh                    # both targets (needs the kaifang binary)
#   bench/healthz.sh --reference-only   # nginx only (checks the machine and the harness)
#
# Environment (all optional):
#   KAIFANG_BIN         kaifang binary (default build/release/src/app/kaifang)
#   KAIFANG_SERVE_ARGS  extra arguments for `kaifang serve` (word-split)
#   BENCH_THREADS=2 BENCH_CONNECTIONS=64 BENCH_DURATION=10s BENCH_WARMUP=2s   wrk settings
#   BENCH_KEEP=1        keep the temp directory (logs, wrk output); it is always kept on failure
#
# Needs: wrk, curl, nginx (Debian packages wrk, curl, nginx-light). Exits 0 when both runs
# completed, non-zero with a message otherwise.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-64}"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-2s}"
reference_only=0

die() { echo "healthz.sh: $*" >&2; exit 1; }

for arg in "$@"; do
  case "$arg" in
    --reference-only) reference_only=1 ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $arg (try --help)" ;;
  esac
done

# --- preconditions, checked before anything is started -------------------------------------
for tool in wrk curl; do
  command -v "$tool" >/dev/null || die "'$tool' not found: apt-get install $tool"
done
nginx_bin="$(command -v nginx || true)"
[[ -z "$nginx_bin" && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
[[ -n "$nginx_bin" ]] || die "'nginx' not found: apt-get install nginx-light"

if [[ $reference_only -eq 0 ]]; then
  kaifang_bin="${KAIFANG_BIN:-$repo/build/release/src/app/kaifang}"
  [[ "$kaifang_bin" = /* ]] || kaifang_bin="$repo/$kaifang_bin"
  if [[ ! -x "$kaifang_bin" ]]; then
    die "kaifang binary not found or not executable: $kaifang_bin
  build it first (cmake --preset release && cmake --build --preset release),
  or set KAIFANG_BIN, or run with --reference-only to measure nginx alone"
  fi
fi

# --- temp dir and cleanup --------------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/kf-bench.XXXXXX")"
pids=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local status=$? pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ "${BENCH_KEEP:-0}" = 1 || $status -ne 0 ]]; then
    echo "healthz.sh: logs kept in $tmp" >&2
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free loopback port: nothing answers a connect to it (the range avoids ephemeral ports).
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 10000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free loopback port found"
}

# wait_ready NAME URL PID LOG: polls URL until it answers 200, for at most 15 s.
wait_ready() {
  local name="$1" url="$2" pid="$3" log="$4"
  for _ in $(seq 150); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "healthz.sh: $name exited before answering $url; last lines of $log:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    curl -fsS --max-time 1 -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "healthz.sh: $name did not answer $url within 15 s; last lines of $log:" >&2
  tail -n 20 "$log" >&2 || true
  exit 1
}

# --- nginx reference: 2 workers, fixed JSON body, no logging --------------------------------
start_nginx() {
  local port="$1" dir="$tmp/nginx"
  mkdir -p "$dir/temp"
  cat >"$dir/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  server {
    listen 127.0.0.1:$port;
    location = /healthz {
      default_type application/json;
      return 200 '{"status":"ok"}';
    }
  }
}
EOF
  "$nginx_bin" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" >"$dir/stdout.log" 2>&1 &
  pids+=("$!")
  wait_ready nginx "http://127.0.0.1:$port/healthz" "$!" "$dir/error.log"
}

start_kaifang() {
  local port="$1" dir="$tmp/kaifang"
  mkdir -p "$dir"
  # Run from the temp dir so that relative paths of the default config (var/…) land there.
  (cd "$dir" && "$kaifang_bin" init --db "sqlite:$dir/bench.db" \
      --admin-password 'Bench-Pass-2026!') >"$dir/init.log" 2>&1 ||
    { tail -n 20 "$dir/init.log" >&2; die "kaifang init failed (log above)"; }
  # shellcheck disable=SC2086  # KAIFANG_SERVE_ARGS is meant to be word-split
  (cd "$dir" && exec "$kaifang_bin" serve --db "sqlite:$dir/bench.db" \
      --listen "127.0.0.1:$port" ${KAIFANG_SERVE_ARGS:-}) >"$dir/serve.log" 2>&1 &
  pids+=("$!")
  wait_ready kaifang "http://127.0.0.1:$port/healthz" "$!" "$dir/serve.log"
}

# run_wrk NAME URL: a short warm-up, then the measured run into $tmp/wrk-NAME.txt.
run_wrk() {
  local name="$1" url="$2"
  wrk -t"$threads" -c"$connections" -d"$warmup" "$url" >/dev/null
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url" >"$tmp/wrk-$name.txt"
}

# field NAME WHAT: requests/s, p50, p99 or non-2xx count from wrk's output.
field() {
  local f="$tmp/wrk-$1.txt"
  case "$2" in
    rps) awk '/^Requests\/sec:/ {print $2}' "$f" ;;
    p50) awk '$1 == "50%" {print $2}' "$f" ;;
    p99) awk '$1 == "99%" {print $2}' "$f" ;;
    bad) awk '/Non-2xx or 3xx responses:/ {print $NF; found=1} END {if (!found) print 0}' "$f" ;;
    errors) awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' "$f" ;;
  esac
}

# --- run -------------------------------------------------------------------------------------
targets=(nginx)
nginx_port="$(free_port)"
start_nginx "$nginx_port"
declare -A urls=([nginx]="http://127.0.0.1:$nginx_port/healthz")
if [[ $reference_only -eq 0 ]]; then
  kaifang_port="$(free_port)"
  [[ "$kaifang_port" != "$nginx_port" ]] || kaifang_port="$(free_port)"
  start_kaifang "$kaifang_port"
  urls[kaifang]="http://127.0.0.1:$kaifang_port/healthz"
  targets+=(kaifang)
fi

echo "GET /healthz — wrk -t$threads -c$connections -d$duration --latency (warm-up $warmup)"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $("$nginx_bin" -v 2>&1 | sed 's/.*: //')"
for t in "${targets[@]}"; do
  echo "running $t: ${urls[$t]}" >&2
  run_wrk "$t" "${urls[$t]}"
done

echo
printf '%-10s %14s %10s %10s %10s\n' target 'requests/s' p50 p99 non-2xx
for t in "${targets[@]}"; do
  printf '%-10s %14s %10s %10s %10s\n' "$t" "$(field "$t" rps)" "$(field "$t" p50)" \
    "$(field "$t" p99)" "$(field "$t" bad)"
done
for t in "${targets[@]}"; do
  errs="$(field "$t" errors)"
  [[ -z "$errs" ]] || echo "$t socket errors: $errs"
  [[ "$(field "$t" bad)" = 0 ]] || echo "warning: $t answered non-2xx (rate limited?); its figure is not comparable" >&2
done
if [[ $reference_only -eq 0 ]]; then
  awk -v k="$(field kaifang rps)" -v n="$(field nginx rps)" \
    'BEGIN { if (n > 0) printf "kaifang / nginx requests/s: %.3f\n", k / n }'
fi
exit 0
