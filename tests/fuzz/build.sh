#!/bin/sh
# Builds the ingest fuzz targets with clang (libFuzzer + ASan + UBSan) into build/fuzz/ and, with
# an argument (csv | xlsx | json) and optional seconds, runs one: tests/fuzz/build.sh csv 60
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build/fuzz"
mkdir -p "$out"
srcs=$(ls "$root"/src/ingest/*.cpp | grep -v '_test\.cpp$')
flags="-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I$root/src -I/usr/include/minizip -I/usr/include/uchardet"
libs="$root/src/core/error.cpp $root/src/core/id_number.cpp $root/src/core/dictionary.cpp -luchardet -lminizip -lre2 -lexpat -lboost_json -pthread"
for fmt in csv xlsx json; do
  bin="$out/ingest_${fmt}_fuzz"
  # Rebuild only when a source changed since the last build.
  if [ -x "$bin" ] && [ -z "$(find "$root/src/ingest" "$root/src/core" "$root/tests/fuzz" -newer "$bin" -name '*.[ch]*' | head -n 1)" ]; then
    continue
  fi
  clang++ $flags -DKF_FUZZ_FORMAT=$fmt "$root/tests/fuzz/ingest_reader_fuzz.cpp" $srcs $libs \
    -o "$out/ingest_${fmt}_fuzz"
done
if [ $# -ge 1 ]; then
  mkdir -p "$out/corpus_$1"
  "$out/ingest_$1_fuzz" -max_total_time="${2:-60}" -max_len=65536 "$out/corpus_$1"
fi
