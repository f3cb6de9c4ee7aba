#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: its own cluster in a temporary
# folder, listening only on 127.0.0.1 (no Unix socket) at a free port,
# trust authentication, one database named symcheck, fsync off (the tests
# stop symcheck, never the machine). ctest starts it once per build as a
# fixture (see CMakeLists.txt); tests/unit/test_db_faults.c starts its own
# so it can stop it and start it again.
#
# Usage: scripts/pg-test-server.sh start DIR [PORT]   prints the URL; PORT
#            by default the one used last in DIR, else a free one
#        scripts/pg-test-server.sh stop DIR           stops it, keeps the data
#        scripts/pg-test-server.sh remove DIR         stops it, deletes it all
#        scripts/pg-test-server.sh with-url DIR CMD...
#            runs CMD with SYMCHECK_TEST_POSTGRES_URL set from DIR (unset
#            when the server was not started, so the test fails and says so)
#
# DIR keeps the URL, the port and where the cluster lives. initdb refuses
# to run as root: as root the cluster belongs to the `postgres` user that
# Debian's postgresql package creates, and its commands run through runuser.
set -euo pipefail

die() {
  echo "pg-test-server: $*" >&2
  exit 1
}

# Debian 12's PostgreSQL 15, else whichever version is installed.
bindir=${SYMCHECK_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bindir/initdb" ]; then
  for candidate in /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/initdb" ]; then bindir=$candidate; fi
  done
fi
if [ ! -x "$bindir/initdb" ]; then
  die "no PostgreSQL server found: install Debian's postgresql (scripts/install-deps.sh test)"
fi

# Runs a server command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

running() {
  [ -f "$data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

# A port nothing on 127.0.0.1 answers on, or the one asked for.
pick_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found on 127.0.0.1"
}

init_cluster() {
  data=$(mktemp -d "${TMPDIR:-/tmp}/symcheck-pg.XXXXXX")
  echo "$data" >"$dir/datadir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "no postgres user: install Debian's postgresql package"
    chown postgres: "$data"
  fi
  as_owner "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >"$dir/initdb.log" 2>&1 || die "initdb failed, see $dir/initdb.log"
  cat >>"$data/postgresql.conf" <<'EOF'
# symcheck tests: loopback only, no Unix socket, no fsync
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
full_page_writes = off
max_connections = 60
EOF
}

start() {
  mkdir -p "$dir"
  data=$(cat "$dir/datadir" 2>/dev/null || true)
  if [ -z "$data" ] || [ ! -f "$data/PG_VERSION" ]; then
    init_cluster
  fi
  if running; then
    cat "$dir/url"
    return
  fi
  # the port asked for (one try), else the last one used, else free ones
  local port tries=1 last
  last=$(cat "$dir/port" 2>/dev/null || true)
  [ -n "${1:-}" ] || tries=5
  for try in $(seq 1 "$tries"); do
    if [ -n "${1:-}" ]; then
      port=$1
    elif [ "$try" -eq 1 ] && [ -n "$last" ]; then
      port=$last
    else
      port=$(pick_port)
    fi
    if as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 -o "-p $port" \
      start >/dev/null; then
      echo "$port" >"$dir/port"
      "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'symcheck'" | grep -q 1 ||
        "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres symcheck
      echo "postgresql://postgres@127.0.0.1:$port/symcheck" | tee "$dir/url"
      return
    fi
  done
  die "PostgreSQL did not start; see $data/server.log"
}

stop() {
  data=$(cat "$dir/datadir" 2>/dev/null || true)
  if [ -n "$data" ] && running; then
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null
  fi
}

remove() {
  stop
  if [ -n "${data:-}" ] && [ -d "$data" ]; then
    rm -rf "$data"
  fi
  rm -f "$dir/datadir" "$dir/url" "$dir/port" "$dir/initdb.log"
  rmdir "$dir" 2>/dev/null || true
}

[ $# -ge 2 ] || die "usage: $0 start DIR [PORT] | stop DIR | remove DIR | with-url DIR CMD..."
action=$1
dir=$2
shift 2
case "$action" in
start) start "$@" ;;
stop) stop ;;
remove) remove ;;
with-url)
  if [ -s "$dir/url" ]; then
    SYMCHECK_TEST_POSTGRES_URL=$(cat "$dir/url")
    export SYMCHECK_TEST_POSTGRES_URL
  fi
  exec "$@"
  ;;
*) die "unknown action \"$action\"" ;;
esac
