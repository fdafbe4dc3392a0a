#!/usr/bin/env bash
# Makes sure the services the integration tests talk to are running: PostgreSQL (trust auth on
# 127.0.0.1:5432) and RabbitMQ (guest/guest on 127.0.0.1:5672). Installs them from Debian's
# packages when missing; starts them when stopped; otherwise only checks. Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

log() { printf '[provision/services] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

wait_for() {
  local what=$1 check=$2
  for _ in $(seq 1 60); do
    if eval "$check" >/dev/null 2>&1; then log "$what is up"; return 0; fi
    sleep 1
  done
  log "$what did not come up in 60 s"; return 1
}

missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v rabbitmq-server >/dev/null 2>&1 || missing+=(rabbitmq-server)
command -v git >/dev/null 2>&1 || missing+=(git)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

pg_ready() { pg_isready -h 127.0.0.1 -p 5432 -q; }
if ! pg_ready; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
wait_for PostgreSQL pg_ready
# The tests connect as the superuser over TCP without a password (trust), as on the CI machine.
if ! psql -h 127.0.0.1 -U postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
  log "PostgreSQL refuses passwordless TCP logins for postgres; see docs/operations.md"; exit 1
fi

rabbit_ready() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if ! rabbit_ready; then
  log "starting RabbitMQ"
  as_root rabbitmq-server -detached || true
fi
wait_for RabbitMQ rabbit_ready
