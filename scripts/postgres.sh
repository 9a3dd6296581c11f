# Sourced by scripts/test and scripts/bench-service: a throwaway PostgreSQL cluster (Debian's
# `postgresql` package, which scripts/setup installs) on a free 127.0.0.1 port, for one run.
#   pg_start     starts it and exports AW_PG_URL (postgres://aw@127.0.0.1:PORT/aw_test)
#   pg_stop      stops it and removes its folder (call it from an EXIT trap)
# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_start() {
  local bin port
  bin=$(pg_bin)
  [ -x "$bin/initdb" ] || { echo "postgres: no /usr/lib/postgresql/*/bin/initdb (scripts/setup installs it)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/aw-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
  # The first port from 54329 that nothing listens on.
  for port in $(seq 54329 54429); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  as_pg "$bin/initdb" -D "$PG_DIR/data" -A trust -U aw >/dev/null
  as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U aw aw_test
  export AW_PG_URL="postgres://aw@127.0.0.1:$port/aw_test"
  echo "postgres: throwaway cluster at $AW_PG_URL ($PG_DIR)"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=
}
