#!/usr/bin/env bash
# Masking benchmark (MSK acceptance): throughput of `kaifang mask apply` in MB/s per core on a
# 1,000,000-row CSV with ID and mobile numbers, next to references measured in the same run:
# the same command with an empty rule set (CSV read + write only) and an awk one-liner doing a
# similar per-row substitution of the ID column.
#   KAIFANG_BIN   (default build/release/src/app/kaifang)
#   MASK_GEN_BIN  (default build/release/bench/mask_gen)
#   BENCH_ROWS    (default 1000000)   BENCH_REPEAT (default 3: each run's best CPU time is kept)
#
# MB/s per core = input bytes / 10^6 / (user + sys CPU seconds). mask apply is single-threaded,
# so wall time ≈ CPU time when the machine is idle; both are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${KAIFANG_BIN:-build/release/src/app/kaifang}"
gen="${MASK_GEN_BIN:-build/release/bench/mask_gen}"
rows="${BENCH_ROWS:-1000000}"
repeat="${BENCH_REPEAT:-3}"
[[ -x $bin ]] || { echo "mask bench: $bin missing (make build)" >&2; exit 1; }
[[ -x $gen ]] || { echo "mask bench: $gen missing (cmake --build build/release --target mask_gen)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "mask bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
bin=$(realpath "$bin")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kf-mask-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
csv="$tmp/people.csv"

echo "generating $rows rows ..."
"$gen" "$csv" "$rows"
bytes=$(stat -c %s "$csv")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

# Test keys only (fixed, so the hash column is the same in every run).
cat > "$tmp/keys.toml" <<'KEYS'
hmac_key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
sm4_key = "0123456789abcdeffedcba9876543210"
KEYS
printf '[rules]\n' > "$tmp/copy.toml"
cat > "$tmp/mask_hash.toml" <<'TOML'
[rules]
"身份证号" = "mask(keep_first=6,keep_last=4,char=*)"
"手机号" = "hash(alg=hmac-sm3)"
TOML
cat > "$tmp/sm4.toml" <<'TOML'
[rules]
"身份证号" = "encrypt(alg=sm4)"
TOML

# measure LABEL COMMAND… : runs it $repeat times, keeps the run with the least CPU time;
# sets wall, cpu (user + sys) and rss (KiB) in "$tmp/best.LABEL".
measure() {
  local label=$1; shift
  local best=""
  for ((i = 0; i < repeat; i++)); do
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time.$label" "$@" >"$tmp/log.$label" 2>&1 || {
      cat "$tmp/log.$label" >&2; echo "mask bench: $label failed" >&2; exit 1; }
    read -r w u s m <"$tmp/time.$label"
    local c
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    if [[ -z $best ]] || awk -v a="$c" -v b="${best#* }" 'BEGIN { exit !(a < b) }'; then
      best="$w $c $m"
    fi
  done
  echo "$best" >"$tmp/best.$label"
}

for r in copy mask_hash sm4; do
  measure "$r" "$bin" mask apply --keys "$tmp/keys.toml" --rules "$tmp/$r.toml" "$csv" -o "$tmp/out.$r.csv"
done
# awk (Debian's default is mawk): cut the ID column like mask(keep_first=6,keep_last=4).
measure awk sh -c "awk -F, -v OFS=, '{ \$3 = substr(\$3, 1, 6) \"********\" substr(\$3, 15); print }' '$csv' > '$tmp/out.awk.csv'"

# The outputs must be what the rules say, or the figures mean nothing.
out_rows=$(($(wc -l <"$tmp/out.mask_hash.csv") - 1))
[[ $out_rows == "$rows" ]] || { echo "mask bench: $out_rows rows written, $rows expected" >&2; exit 1; }
sed -n 2p "$tmp/out.mask_hash.csv" | grep -Eq '^1,[^,]+,[0-9]{6}\*{8}[0-9]{3}[0-9X],[0-9a-f]{32},' || {
  echo "mask bench: unexpected masked row: $(sed -n 2p "$tmp/out.mask_hash.csv")" >&2; exit 1; }
sed -n 2p "$tmp/out.sm4.csv" | grep -Eq '^1,[^,]+,[A-Za-z0-9+/]{64},1[3-9][0-9]{9},' || {
  echo "mask bench: unexpected encrypted row" >&2; exit 1; }

echo
echo "mask apply on $rows rows, $mb MB CSV ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, best CPU of $repeat runs)"
printf '%-44s %8s %10s %14s %12s\n' "run" "wall s" "cpu s" "MB/s per core" "peak RSS MB"
row() {  # label text
  read -r w c m <"$tmp/best.$1"
  printf '%-44s %8s %10s %14.1f %12.1f\n' "$2" "$w" "$c" \
    "$(awk -v b="$mb" -v c="$c" 'BEGIN { print (c > 0 ? b / c : 0) }')" "$(awk -v k="$m" 'BEGIN { print k / 1024 }')"
}
row mask_hash "kaifang: ID mask(6,4) + phone hmac-sm3"
row sm4 "kaifang: ID encrypt(sm4)"
row copy "kaifang: no rules (CSV read + write)"
row awk "awk: ID substr per row ($(readlink -f "$(command -v awk)" | xargs basename))"
ratio() {  # a b → CPU time of a over CPU time of b
  awk -v a="$(cut -d' ' -f2 "$tmp/best.$1")" -v b="$(cut -d' ' -f2 "$tmp/best.$2")" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'
}
echo "CPU time ratios: mask+hmac / awk $(ratio mask_hash awk), sm4 / awk $(ratio sm4 awk), mask+hmac / no rules $(ratio mask_hash copy), sm4 / no rules $(ratio sm4 copy)"
