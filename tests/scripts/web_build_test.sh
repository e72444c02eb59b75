#!/usr/bin/env bash
# scripts/web-build.sh on a small stand-in web app (its "build" writes dist/index.html and counts
# its runs): the second run with nothing changed does not build; a changed source, lock file, new
# file or missing dist/ builds; a bare `touch` or a changed note (*.md) does not; a failed build
# is retried on the next run; --force always builds. No timing involved.
#   tests/scripts/web_build_test.sh [path/to/web-build.sh]
set -euo pipefail

script="${1:-$(cd "$(dirname "$0")/../.." && pwd)/scripts/web-build.sh}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/kf-web-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
web="$tmp/web"
mkdir -p "$web/src" "$web/public"
cat >"$web/package.json" <<'JSON'
{ "name": "stand-in", "private": true, "scripts": { "build": "node build.mjs" } }
JSON
echo '{"lockfileVersion": 3}' >"$web/package-lock.json"
echo 'export const a = 1;' >"$web/src/main.tsx"
echo '<!doctype html>' >"$web/index.html"
echo '# notes' >"$web/README.md"
cat >"$web/build.mjs" <<'JS'
import fs from 'node:fs';
fs.appendFileSync('../builds.log', 'build\n');
if (fs.existsSync('../fail')) process.exit(1);
fs.rmSync('dist', { recursive: true, force: true });
fs.mkdirSync('dist');
fs.writeFileSync('dist/index.html', '<!doctype html><title>built</title>');
JS

failures=0
builds() { [[ -f $tmp/builds.log ]] && wc -l <"$tmp/builds.log" || echo 0; }
# expect DESCRIPTION WANTED_BUILDS [script args…]: runs the script, then checks the build count.
expect() {
  local what="$1" want="$2"
  shift 2
  local status=0
  "$script" "$@" "$web" >"$tmp/out" 2>&1 || status=$?
  local got
  got="$(builds)"
  if [[ $got -ne $want ]]; then
    echo "FAIL: $what: $got builds so far, expected $want"
    sed 's/^/  | /' "$tmp/out"
    failures=$((failures + 1))
  else
    echo "ok: $what (builds: $got)"
  fi
  return "$status"
}

expect "first run builds" 1
[[ -f $web/dist/index.html ]] || { echo "FAIL: no dist/index.html"; failures=$((failures + 1)); }
expect "second run with nothing changed does not build" 1
grep -q "up to date" "$tmp/out" || { echo "FAIL: no 'up to date' line"; failures=$((failures + 1)); }
touch "$web/src/main.tsx" "$web/package-lock.json"
expect "touch alone does not build" 1
echo 'export const a = 2;' >"$web/src/main.tsx"
expect "a changed source builds" 2
expect "…once" 2
echo '{"lockfileVersion": 3, "packages": {}}' >"$web/package-lock.json"
expect "a changed lock file builds" 3
echo 'export const b = 1;' >"$web/src/new.ts"
expect "a new source file builds" 4
echo 'x' >"$web/public/logo.svg"
expect "a new public file builds" 5
echo '# other notes' >"$web/README.md"
expect "a changed note (*.md) does not build" 5
rm -rf "$web/dist"
expect "a missing dist/ builds" 6
echo 'export const a = 3;' >"$web/src/main.tsx"
touch "$tmp/fail"
if expect "a failing build runs" 7; then
  echo "FAIL: a failed build exited 0"
  failures=$((failures + 1))
fi
rm "$tmp/fail"
expect "the next run builds again after a failure" 8
expect "…and then not" 8
expect "--force builds" 9 --force

if ((failures)); then
  echo "web_build_test: $failures failure(s)"
  exit 1
fi
echo "web_build_test: all passed"
