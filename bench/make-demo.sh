#!/usr/bin/env bash
# Times `make demo` from the command to the first answer of /healthz, then stops the server
# (SIGTERM to the whole process group: make, demo.sh and the server it became).
#   bench/make-demo.sh            one run; prints "make demo: serving after N.N s"
# On the shared machine run it under the build lock:  flock /tmp/kf-build.lock bench/make-demo.sh
# The log of the run is kept in build/make-demo.log.
set -euo pipefail
cd "$(dirname "$0")/.."

port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});")"
mkdir -p build
log=build/make-demo.log
start=$(date +%s.%N)
setsid make demo LISTEN="127.0.0.1:$port" >"$log" 2>&1 </dev/null &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap stop EXIT
until curl -fsS --max-time 1 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "make demo ended before it served; see $log" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  sleep 0.1
done
end=$(date +%s.%N)
grep -E '^(install-deps|web-build|ninja):' "$log" || true
awk -v a="$start" -v b="$end" 'BEGIN { printf "make demo: serving after %.1f s\n", b - a }'
