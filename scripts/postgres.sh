#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: `source scripts/postgres.sh` starts one in a
# temporary folder (data and socket there, no TCP listener) and exports VERKSTAD_TEST_POSTGRES,
# the URL the tests connect to; `stop_test_postgres` stops it and removes the folder. The
# server refuses to run as root, so as root it runs as the `postgres` user. Without Debian's
# PostgreSQL server installed it starts nothing and the tests run on SQLite only.
PG_BIN=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && PG_BIN="$candidate"
done
if [ -z "$PG_BIN" ]; then
  echo "PostgreSQL server not installed: the tests run on SQLite only."
  return 0 2>/dev/null || exit 0
fi
PG_DIR=$(mktemp -d /tmp/verkstad-pg.XXXXXX)
as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; fi
as_server "$PG_BIN/initdb" -D "$PG_DIR/data" -U verkstad --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1
# fsync stays on: the tests check durable commits as the application makes them
as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-k $PG_DIR -c listen_addresses='' -c max_connections=40" start >/dev/null
export VERKSTAD_TEST_POSTGRES="postgresql://verkstad@/postgres?host=$PG_DIR"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') for the tests: $VERKSTAD_TEST_POSTGRES"
stop_test_postgres() {
  as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
