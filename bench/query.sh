#!/usr/bin/env bash
# Query benchmark (issue 4): an equality $where on the key column of the 1,200,000-row demo
# dataset 370700-SJ-0001 市场主体登记信息 through `kaifang serve`, next to a throw-away nginx
# serving the same response bytes as a static file, measured with wrk in the same run.
# Loopback only; builds nothing.
#
#   bench/query.sh
#
# Environment (all optional):
#   KAIFANG_BIN   kaifang binary (default build/release/src/app/kaifang)
#   BENCH_THREADS=2 BENCH_CONNECTIONS=32 BENCH_DURATION=10s   wrk settings
#   BENCH_KEEP=1  keep the temp directory (logs, body, wrk output); it is always kept on failure
#
# Needs: wrk, curl, nginx, sqlite3 (for the index check).
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "query.sh: $*" >&2; exit 1; }
bin="${KAIFANG_BIN:-build/release/src/app/kaifang}"
[[ $bin = /* ]] || bin="$PWD/$bin"
[[ -x $bin ]] || die "kaifang binary not found or not executable: $bin (make build, or set KAIFANG_BIN)"
for tool in wrk curl sqlite3; do command -v "$tool" >/dev/null || die "'$tool' not found"; done
nginx_bin="$(command -v nginx || true)"
[[ -z $nginx_bin && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
[[ -n $nginx_bin ]] || die "'nginx' not found: apt-get install nginx-light"
threads="${BENCH_THREADS:-2}" connections="${BENCH_CONNECTIONS:-32}" duration="${BENCH_DURATION:-10s}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kf-query-bench.XXXXXX")
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
  if [[ ${BENCH_KEEP:-0} = 1 || $status -ne 0 ]]; then echo "query.sh: files kept in $tmp" >&2
  else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {  # nothing answers a connect to it
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 10000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  die "no free loopback port found"
}
wait_ready() {  # NAME URL PID LOG
  for _ in $(seq 150); do
    kill -0 "$3" 2>/dev/null || { tail -n 20 "$4" >&2; die "$1 exited before answering $2"; }
    curl -fsS --max-time 1 -o /dev/null "$2" 2>/dev/null && return 0
    sleep 0.1
  done
  tail -n 20 "$4" >&2; die "$1 did not answer $2 within 15 s"
}

# --- kaifang: temp database, demo city, serve without a practical rate limit -----------------
db="sqlite:$tmp/kaifang.db"
(cd "$tmp" && "$bin" init --db "$db" --admin-password 'Bench-Pass-2026') >"$tmp/init.log" 2>&1 ||
  { tail -n 20 "$tmp/init.log" >&2; die "kaifang init failed"; }
echo "loading the demo city ..." >&2
(cd "$tmp" && "$bin" demo --db "$db") >"$tmp/demo.log" 2>&1 ||
  { tail -n 20 "$tmp/demo.log" >&2; die "kaifang demo failed"; }
printf '[rate_limit]\nper_ip_per_second = 1000000\nburst = 1000000\n' >"$tmp/serve.toml"
k_port=$(free_port)
(cd "$tmp" && exec "$bin" serve --db "$db" --config "$tmp/serve.toml" --listen "127.0.0.1:$k_port") \
  >"$tmp/serve.log" 2>&1 &
pids+=("$!")
wait_ready kaifang "http://127.0.0.1:$k_port/healthz" "$!" "$tmp/serve.log"

# --- a real key value from the middle of the dataset, and the benchmarked URL ----------------
code=370700-SJ-0001
base="http://127.0.0.1:$k_port/api/v1"
curl -fsS "$base/entries/$code" -o "$tmp/entry.json" || die "GET /entries/$code failed"
# fields[0].name: the first "name" after "fields":[ (field names are plain identifiers)
field=$(sed -n 's/.*"fields":\[{"name":"\([^"]*\)".*/\1/p' "$tmp/entry.json")
[[ -n $field ]] || die "no fields[0].name in $tmp/entry.json"
curl -fsS -G "$base/datasets/$code/rows" --data-urlencode "\$select=$field" \
  --data-urlencode '$limit=1' --data-urlencode '$offset=600000' -o "$tmp/key.json" ||
  die "GET /datasets/$code/rows (key lookup) failed"
value=$(sed -n "s/.*\"rows\":\[{\"$field\":\"\([^\"]*\)\".*/\1/p" "$tmp/key.json")
[[ -n $value ]] || die "no $field value in $tmp/key.json"
url=$(curl -fsS -G "$base/datasets/$code/rows" --data-urlencode "\$where=$field = '$value'" \
  --data-urlencode '$limit=100' -o "$tmp/body.json" -w '%{url_effective}') || die "query failed"
path="${url#"http://127.0.0.1:$k_port"}"
[[ -s $tmp/body.json ]] || die "empty response body for $path"

# --- nginx: the same bytes as a static file ---------------------------------------------------
n_port=$(free_port)
[[ $n_port != "$k_port" ]] || n_port=$(free_port)
mkdir -p "$tmp/nginx/temp" "$tmp/nginx/www"
cp "$tmp/body.json" "$tmp/nginx/www/body.json"
chmod o+x "$tmp" "$tmp/nginx" "$tmp/nginx/www" && chmod o+r "$tmp/nginx/www/body.json"  # nginx workers
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $tmp/nginx/temp/body;
  proxy_temp_path $tmp/nginx/temp/proxy;
  fastcgi_temp_path $tmp/nginx/temp/fastcgi;
  uwsgi_temp_path $tmp/nginx/temp/uwsgi;
  scgi_temp_path $tmp/nginx/temp/scgi;
  server {
    listen 127.0.0.1:$n_port;
    root $tmp/nginx/www;
    location / {
      default_type application/json;
      try_files /body.json =404;
    }
  }
}
EOF
"$nginx_bin" -p "$tmp/nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx/nginx.conf" \
  >"$tmp/nginx/stdout.log" 2>&1 &
pids+=("$!")
wait_ready nginx "http://127.0.0.1:$n_port/" "$!" "$tmp/nginx/error.log"
curl -fsS "http://127.0.0.1:$n_port$path" | cmp -s - "$tmp/body.json" ||
  die "nginx does not answer the same bytes"

# --- run ----------------------------------------------------------------------------------------
declare -A urls=([kaifang]="http://127.0.0.1:$k_port$path" [nginx]="http://127.0.0.1:$n_port$path")
for t in kaifang nginx; do
  echo "running $t: ${urls[$t]}" >&2
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "${urls[$t]}" >"$tmp/wrk-$t.txt"
done
get() {  # TARGET rps|p50|p99|bad
  local f="$tmp/wrk-$1.txt"
  case "$2" in
    rps) awk '/^Requests\/sec:/ {print $2}' "$f" ;;
    p50) awk '$1 == "50%" {print $2}' "$f" ;;
    p99) awk '$1 == "99%" {print $2}' "$f" ;;
    bad) awk '/Non-2xx or 3xx responses:/ {print $NF; n=1} END {if (!n) print 0}' "$f" ;;
  esac
}
rows=$(grep -o "\"$field\":" "$tmp/body.json" | wc -l)
echo
echo "GET $path"
echo "$field = '$value' → $rows row(s), $(wc -c <"$tmp/body.json") bytes; wrk -t$threads -c$connections -d$duration --latency"
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$nginx_bin" -v 2>&1 | sed 's/.*: //')"
for f in "$tmp"/datasets/ds-*.sqlite; do  # the version file of that dataset: the one with its rows
  [[ -f $f && $(sqlite3 "$f" "SELECT COUNT(*) FROM rows" 2>/dev/null) == 1200000 ]] || continue
  echo "indexes on rows in $(basename "$f"): $(sqlite3 "$f" '.indexes rows' | xargs | sed 's/^$/(none)/')"
done
printf '%-10s %14s %10s %10s %10s\n' target 'requests/s' p50 p99 non-2xx
for t in kaifang nginx; do
  printf '%-10s %14s %10s %10s %10s\n' "$t" "$(get "$t" rps)" "$(get "$t" p50)" "$(get "$t" p99)" "$(get "$t" bad)"
  [[ $(get "$t" bad) = 0 ]] || echo "warning: $t answered non-2xx; its figure is not comparable" >&2
done
awk -v k="$(get kaifang rps)" -v n="$(get nginx rps)" \
  'BEGIN { if (n > 0) printf "kaifang / nginx requests/s: %.3f\n", k / n }'
