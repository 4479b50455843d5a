#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback for the receipt server's tests and bench,
# and prints its URL (the only line on stdout), e.g.
#
#   export ASMERONEXA_TEST_PG_URL="$(bash server/scripts/start-postgres.sh)"
#
# Needs Debian's `postgresql` package (its binaries under /usr/lib/postgresql/<major>/bin) and
# runs as root (the cluster itself runs as the `postgres` user) or as that user. The cluster
# lives in a new temporary folder, listens on 127.0.0.1 only (port ASMERONEXA_PG_PORT,
# default 5433, so it does not clash with a system cluster on 5432; the next free one if that
# is taken), keeps PostgreSQL's
# durable defaults (fsync on, synchronous_commit on: the bench measures the real thing) and
# is never started again: stop it with the command printed on stderr, or let the machine go.
set -euo pipefail

port="${ASMERONEXA_PG_PORT:-5433}"
say() { echo "start-postgres: $*" >&2; }

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  say "no PostgreSQL binaries under /usr/lib/postgresql/*/bin: apt-get install -y postgresql"
  exit 1
fi
# A port something else already listens on (another cluster left running) is skipped.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
first="$port"
while port_busy "$port"; do
  port=$((port + 1))
  if [ "$port" -ge $((first + 20)) ]; then say "ports $first to $((port - 1)) on 127.0.0.1 are all taken"; exit 1; fi
done
[ "$port" != "$first" ] && say "127.0.0.1:$first is taken: using $port"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  say "no postgres user (the postgresql package creates it)"
  exit 1
fi

dir="$(mktemp -d /tmp/asmeronexa-pg.XXXXXX)"
chmod 700 "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
# The postgres user may not be able to read the caller's folder (a clone under /root, say).
cd "$dir"
password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" > "$dir/pwfile"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pwfile"

say "initdb in $dir/data ($("$bin/postgres" --version))"
as_postgres "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
  --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }

as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=100" start >&2 \
  || { cat "$dir/server.log" >&2; exit 1; }

as_postgres "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres <<SQL >&2
CREATE ROLE asmeronexa LOGIN PASSWORD '$password';
CREATE DATABASE asmeronexa_test OWNER asmeronexa;
SQL
rm -f "$dir/pwfile"

say "running; stop with: runuser -u postgres -- $bin/pg_ctl -D $dir/data stop"
echo "postgres://asmeronexa:$password@127.0.0.1:$port/asmeronexa_test"
