#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server on loopback, exported as TEST_POSTGRES_URL.
# The cluster lives in a temp dir and is removed on exit (recipe: ../shared/notes/platform.md).
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=$(mktemp -d -t aid-pg.XXXXXX)
PGPORT=${PGPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
RUN=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGDATA"; RUN=(runuser -u postgres --); fi
cleanup() {
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap cleanup EXIT
"${RUN[@]}" "$PGBIN/initdb" -D "$PGDATA" -U aid --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c lock_timeout=10s" start >/dev/null
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U aid aid
export TEST_POSTGRES_URL="postgresql+psycopg://aid@127.0.0.1:$PGPORT/aid"
set +e
"$@"
rc=$?
set -e
exit $rc
