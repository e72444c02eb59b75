#!/usr/bin/env bash
# Installs every Debian and npm package Kaifang needs. Safe to run any number of times:
# it only asks apt for what is missing and only runs `npm ci` when the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  g++ cmake ninja-build make pkg-config git curl ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev
  libsodium-dev libssl-dev libre2-dev libuchardet-dev
  libxlsxwriter-dev libminizip-dev libexpat1-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libpango1.0-dev libcairo2-dev poppler-utils
  wrk nginx-light time nodejs npm chromium fonts-noto-cjk
)

# One dpkg-query for every package (about 40 separate calls took 2 s on each `make demo`);
# a package dpkg does not know at all is left out of its answer and so counts as missing.
declare -A installed=()
while read -r name state; do
  [[ $state == "install ok installed" ]] && installed[$name]=1
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null || true)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  [[ -n ${installed[$p]:-} ]] || missing+=("$p")
done
# node and npm may come from outside Debian's packages on a developer machine; accept those.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) == 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps: Debian packages present"
fi

# npm packages: the web app (and its browser tests), the reference-data generators and the
# SMTP server the mailer tests start (tests/mail) and the OpenID Connect provider of the OIDC
# login tests (tests/oidc).
for dir in web tools/refdata tests/mail tests/oidc; do
  [[ -f $dir/package-lock.json ]] || continue
  stamp="$dir/node_modules/.kaifang-lock.sha256"
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "install-deps: $dir/node_modules up to date"
    continue
  fi
  echo "install-deps: npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
done
