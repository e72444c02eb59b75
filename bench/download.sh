#!/usr/bin/env bash
# Download benchmark (issue 4): a full CSV download of the 1,200,000-row demo dataset
# 市场主体登记信息 through `kaifang serve`, next to `sqlite3 -csv` dumping the same version file,
# measured in the same run: time, and the server's peak resident memory before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${KAIFANG_BIN:-build/release/src/app/kaifang}"
[[ -x $bin ]] || { echo "download bench: $bin missing (make build)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kf-dl-bench.XXXXXX")
server=""
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
db="sqlite:$tmp/kaifang.db"
"$bin" init --db "$db" --admin-password 'Bench-Pass-2026' >/dev/null
echo "loading the demo city ..."
"$bin" demo --db "$db" >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
"$bin" serve --db "$db" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
code=370700-SJ-0001
hwm() { awk '/VmHWM/ {print $2}' "/proc/$server/status"; }
before=$(hwm)
start=$(date +%s.%N)
curl -sf "http://127.0.0.1:$port/api/v1/datasets/$code/download?format=csv" -o "$tmp/download.csv"
k_secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
after=$(hwm)
rows=$(($(wc -l <"$tmp/download.csv") - 1))
mb=$(du -m "$tmp/download.csv" | cut -f1)
file=""
for f in "$tmp"/datasets/ds-*.sqlite; do  # the version file of that dataset: the one with its rows
  [[ $(sqlite3 "$f" "SELECT COUNT(*) FROM rows") == "$rows" ]] && { file=$f; break; }
done
/usr/bin/time -f "%e %M" -o "$tmp/time" sqlite3 -csv "$file" "SELECT * FROM rows" >"$tmp/ref.csv" 2>"$tmp/ref.err" || { cat "$tmp/ref.err" "$tmp/time" >&2; exit 1; }
read -r s_secs s_rss <"$tmp/time"
echo
echo "full CSV download of $code: $rows rows, ${mb} MB ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
printf '%-34s %8s %16s\n' "tool" "seconds" "peak RSS MB"
printf '%-34s %8s %16s\n' "kaifang serve (HTTP, chunked)" "$k_secs" "$(awk -v a="$before" -v b="$after" 'BEGIN{printf "%.1f → %.1f", a/1024, b/1024}')"
printf '%-34s %8s %16.1f\n' "sqlite3 -csv (same version file)" "$s_secs" "$(awk -v k="$s_rss" 'BEGIN{print k/1024}')"
echo "kaifang / sqlite3 time: $(awk -v a="$k_secs" -v b="$s_secs" 'BEGIN { printf "%.2f", a / b }')"
