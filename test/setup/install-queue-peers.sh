#!/usr/bin/env bash
# The queue-mode tests run n8n against Debian's PostgreSQL 15 (n8n's database: SQLite is not
# supported in queue mode) and Redis 7 (Bull's job queue). Installs them when missing;
# idempotent. The tests start their own servers on free loopback ports: Debian's own
# clusters and services are neither needed nor started.
set -euo pipefail
PG_BIN=/usr/lib/postgresql/15/bin
if [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/postgres" && -x "$PG_BIN/pg_ctl" ]] &&
  command -v redis-server >/dev/null && id postgres >/dev/null 2>&1; then
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "The queue-mode tests need postgresql-15 and redis-server: run as root, or install them with apt first." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d 101: apt must not start Debian's own postgres and redis services.
POLICY=/usr/sbin/policy-rc.d
ADDED_POLICY=
if [[ ! -e "$POLICY" ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$POLICY" && chmod +x "$POLICY" && ADDED_POLICY=1
fi
trap '[[ -n "$ADDED_POLICY" ]] && rm -f "$POLICY"' EXIT
PACKAGES=(postgresql-15 redis-server)
apt-get install -y --no-install-recommends "${PACKAGES[@]}" >/dev/null 2>&1 ||
  { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${PACKAGES[@]}" >/dev/null; }
echo "installed postgresql-15 and redis-server" >&2
