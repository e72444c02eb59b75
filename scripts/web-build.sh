#!/usr/bin/env bash
# Builds the web app (`npm run build` in web/: tsc and vite, about a minute) only when its inputs
# changed since the last build: every file under web/ except node_modules/, dist/ and the *.md
# notes — sources, public/, index.html, the configs, package.json and package-lock.json. Their
# content (not their times: a checkout or `touch` alone does not rebuild) is hashed and compared
# with the hash stored by the last successful build; the build also runs when dist/index.html
# is missing. The stamp lives in web/node_modules/, so a fresh `npm ci` rebuilds too.
#   scripts/web-build.sh [--force] [WEB_DIR]    (WEB_DIR defaults to web/ of this repository)
# Exits with the build's status; prints one line saying what it did.
set -euo pipefail

force=0
if [[ ${1:-} == --force ]]; then
  force=1
  shift
fi
web="${1:-$(cd "$(dirname "$0")/.." && pwd)/web}"
cd "$web"

stamp="node_modules/.kaifang-web-build.sha256"

# The inputs' names and contents, in a fixed order (LC_ALL=C), as one hash.
inputs_hash() {
  find . \( -path ./node_modules -o -path ./dist \) -prune -o -type f ! -name '*.md' -print0 |
    LC_ALL=C sort -z |
    xargs -0 sha256sum |
    sha256sum | cut -d' ' -f1
}

want="$(inputs_hash)"
if ((force == 0)) && [[ -f dist/index.html && -f $stamp && $(cat "$stamp") == "$want" ]]; then
  echo "web-build: web/dist is up to date (sources unchanged since the last build)"
  exit 0
fi
echo "web-build: building the web app (npm run build)"
rm -f "$stamp"
npm run build --silent
mkdir -p "$(dirname "$stamp")"
echo "$want" >"$stamp"
