#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests, on a private port and socket directory.
#
#   pg-test-cluster.sh start DIR PORT    create (first time) and start; prints the URL
#   pg-test-cluster.sh url DIR           prints the URL again
#   pg-test-cluster.sh createdb DIR NAME creates database NAME (if missing); prints its URL
#   pg-test-cluster.sh stop DIR          stops the cluster and removes DIR
#
# Only the URL goes to standard output, so `url=$(pg-test-cluster.sh start …)` works; progress
# and errors go to standard error. Authentication is `trust` on the socket and 127.0.0.1:
# fine for a cluster that lives for one test run, never for anything else.
# PostgreSQL refuses to run as root, so as root every server command runs as the `postgres`
# system user. Needs no terminal and reads no standard input (CI).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
ROLE=kaifang
PASSWORD=kaifang
DATABASE=kaifang_test
MARKER=.kaifang-pg-test  # stop only ever deletes a directory that carries this file

die() { echo "pg-test-cluster: $*" >&2; exit 1; }
say() { echo "pg-test-cluster: $*" >&2; }

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Runs a command as the cluster owner, from DIR (postgres may not be allowed into the
# caller's working directory).
as_owner() {
  if [[ $(id -u) == 0 ]]; then
    (cd "$dir" && runuser -u postgres -- "$@" </dev/null)
  else
    (cd "$dir" && "$@" </dev/null)
  fi
}

port_of() {
  [[ -f $dir/port ]] || die "no cluster in $dir (run: $0 start $dir PORT)"
  cat "$dir/port"
}

url_for() { echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$(port_of)/$1"; }

running() { [[ -d $dir/data ]] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

# psql as the superuser over the private socket.
sql() {
  as_owner "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$(port_of)" -U postgres \
    -d postgres -At "$@"
}

create_database() {
  local name=$1
  [[ $name =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "bad database name: $name"
  if [[ -z $(sql -c "SELECT 1 FROM pg_database WHERE datname = '$name'") ]]; then
    sql -c "CREATE DATABASE $name OWNER $ROLE ENCODING 'UTF8' TEMPLATE template0" >&2
  fi
}

init_cluster() {
  local port=$1
  mkdir -p "$dir"
  touch "$dir/$MARKER"
  echo "$port" >"$dir/port"
  [[ $(id -u) == 0 ]] && chown -R postgres:postgres "$dir"
  as_owner test -w "$dir" || die "the postgres user cannot write to $dir (choose a directory it can reach, e.g. under /tmp)"
  say "initdb in $dir/data"
  as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
    --no-sync --no-instructions >&2
  # Appended settings win over the defaults above them.
  cat >>"$dir/data/postgresql.conf" <<EOF

# pg-test-cluster.sh: a private, disposable cluster tuned for speed, not durability.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
  [[ $(id -u) == 0 ]] && chown postgres:postgres "$dir/data/postgresql.conf"
  return 0
}

start() {
  local port=$1
  [[ $port =~ ^[0-9]+$ ]] || die "bad port: $port"
  if running; then
    [[ $(port_of) == "$port" ]] || say "already running on port $(port_of), not $port"
    url_for "$DATABASE"
    return
  fi
  if [[ ! -f $dir/data/PG_VERSION ]]; then
    [[ ! -e $dir || -f $dir/$MARKER || -z $(ls -A "$dir") ]] ||
      die "$dir exists and is not a test cluster"
    init_cluster "$port"
  fi
  say "starting on 127.0.0.1:$(port_of)"
  if ! as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >&2; then
    tail -n 20 "$dir/server.log" >&2 || true
    die "server did not start (see $dir/server.log)"
  fi
  if [[ -z $(sql -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'") ]]; then
    sql -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB" >&2
  fi
  create_database "$DATABASE"
  url_for "$DATABASE"
}

stop() {
  [[ -e $dir ]] || return 0
  [[ -f $dir/$MARKER ]] || die "$dir is not a test cluster; not touching it"
  if running; then
    say "stopping"
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2
  fi
  rm -rf "$dir"
}

(($# >= 2)) || usage
command=$1
dir=$(realpath -m "$2")
case $command in
  start) (($# == 3)) || usage; start "$3" ;;
  stop) stop ;;
  url) running || die "cluster in $dir is not running"; url_for "$DATABASE" ;;
  createdb) (($# == 3)) || usage; running || die "cluster in $dir is not running"
    create_database "$3"; url_for "$3" ;;
  *) usage ;;
esac
