#!/usr/bin/env bash
# Ingest benchmark (issue 3): time to import a 1,000,000-row CSV of about 230 MB with
# validation on, next to `sqlite3 .import` of the same file measured in the same run, and the
# peak resident memory of both.
#   KAIFANG_BIN  (default build/release/src/app/kaifang)   BENCH_ROWS (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${KAIFANG_BIN:-build/release/src/app/kaifang}"
rows="${BENCH_ROWS:-1000000}"
[[ -x $bin ]] || { echo "ingest bench: $bin missing (make build)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "ingest bench: sqlite3 missing" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "ingest bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kf-ingest-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
csv="$tmp/companies.csv"

echo "generating $rows rows ..."
awk -v n="$rows" 'BEGIN {
  srand(42);
  split("奎文区 潍城区 寒亭区 坊子区 高新区 青州市 诸城市 寿光市", d, " ");
  split("有限责任公司 股份有限公司 个人独资企业 合伙企业", t, " ");
  print "编号,企业名称,企业类型,所在区,注册资本,成立日期,经营范围,联系电话,是否在营";
  for (i = 1; i <= n; i++) {
    printf "%d,潍坊市第%d号示范企业有限公司,%s,%s,%.2f,%04d-%02d-%02d,\"生产、销售农业机械及配件；技术开发、技术服务（依法须经批准的项目，经批准后方可经营）\",0536-%07d,%s\n",
      i, i, t[1 + i % 4], d[1 + i % 8], (i % 100000) * 10.5, 1990 + i % 35, 1 + i % 12, 1 + i % 28, i % 10000000,
      (i % 7 ? "是" : "否");
  }
}' > "$csv"
size_mb=$(du -m "$csv" | cut -f1)

cat > "$tmp/entry.toml" <<'TOML'
code = "BENCH-ENTERPRISES"
name = "市场主体登记信息（基准测试）"
provider = "潍坊市市场监督管理局"
region = "370700"
[[fields]]
name = "编号"
type = "integer"
key = true
nullable = false
[[fields]]
name = "企业名称"
type = "text"
length = 100
nullable = false
[[fields]]
name = "企业类型"
type = "text"
allowed_values = ["有限责任公司", "股份有限公司", "个人独资企业", "合伙企业"]
[[fields]]
name = "所在区"
type = "text"
length = 10
[[fields]]
name = "注册资本"
type = "decimal"
min = "0"
max = "100000000"
[[fields]]
name = "成立日期"
type = "date"
min = "1949-10-01"
[[fields]]
name = "经营范围"
type = "text"
length = 500
[[fields]]
name = "联系电话"
type = "text"
pattern = "0536-[0-9]{7}"
[[fields]]
name = "是否在营"
type = "boolean"
TOML

db="sqlite:$tmp/kaifang.db"
"$bin" init --db "$db" --admin-password 'Bench-Pass-2026' >/dev/null
"$bin" demo --db "$db" >/dev/null
"$bin" entry create --db "$db" --from "$tmp/entry.toml" >/dev/null

measure() {  # label, command… → prints seconds and peak RSS (KiB)
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$tmp/time.$label" "$@" >"$tmp/out.$label" 2>&1 || {
    cat "$tmp/out.$label" >&2; echo "ingest bench: $label failed" >&2; exit 1; }
  read -r secs rss <"$tmp/time.$label"
  echo "$secs $rss"
}

read -r k_secs k_rss < <(measure kaifang "$bin" import --db "$db" --entry BENCH-ENTERPRISES "$csv")
grep -E "导入报告" "$tmp/out.kaifang" || true
read -r s_secs s_rss < <(measure sqlite3 sqlite3 "$tmp/ref.db" ".mode csv" ".import $csv companies")

ratio=$(awk -v a="$k_secs" -v b="$s_secs" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo
echo "ingest of $rows rows, ${size_mb} MB CSV ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
printf '%-28s %10s %12s %14s\n' "tool" "seconds" "rows/s" "peak RSS MB"
printf '%-28s %10s %12.0f %14.1f\n' "kaifang import (validated)" "$k_secs" "$(awk -v r="$rows" -v s="$k_secs" 'BEGIN{print r/s}')" "$(awk -v k="$k_rss" 'BEGIN{print k/1024}')"
printf '%-28s %10s %12.0f %14.1f\n' "sqlite3 .import" "$s_secs" "$(awk -v r="$rows" -v s="$s_secs" 'BEGIN{print r/s}')" "$(awk -v k="$s_rss" 'BEGIN{print k/1024}')"
echo "kaifang / sqlite3 time: $ratio"
