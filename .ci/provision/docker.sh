#!/usr/bin/env bash
# Provisions the sandbox's container engine on a Debian host: Docker (docker.io), gVisor (runsc)
# and debootstrap, the runsc runtimes in /etc/docker/daemon.json, a running dockerd, and the
# offline sandbox images. Idempotent: every step checks before it acts, so a second run only
# verifies and then lets build-images.sh hit its cache.
#
# Runtimes registered:
#   runsc      --network=none  default sandboxes: gVisor with no network stack at all
#   runsc-net  --network=host  registries mode: gVisor uses the network namespace Docker creates
#                              for the container, which sits on an --internal network whose only
#                              reachable peer is the sandbox service's filtering proxy.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/dockerd.log}"
DAEMON_JSON=/etc/docker/daemon.json

log() { printf '[provision/docker] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v runsc >/dev/null 2>&1 || missing+=(runsc)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  # policy-rc.d keeps the package scripts from trying to start services through an init system
  # that containers and CI runners usually lack; dockerd is started below instead.
  policy_created=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    policy_created=1
  fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
  if [ "$policy_created" -eq 1 ]; then as_root rm -f /usr/sbin/policy-rc.d; fi
else
  log "docker.io, runsc and debootstrap already installed"
fi

RUNSC_PATH="$(command -v runsc)"
desired_json="$(cat <<JSON
{
  "runtimes": {
    "runsc": { "path": "${RUNSC_PATH}", "runtimeArgs": ["--network=none"] },
    "runsc-net": { "path": "${RUNSC_PATH}", "runtimeArgs": ["--network=host"] }
  }
}
JSON
)"

config_changed=0
if [ ! -f "$DAEMON_JSON" ] || [ "$(cat "$DAEMON_JSON")" != "$desired_json" ]; then
  if [ -f "$DAEMON_JSON" ] && ! grep -q '"runsc-net"' "$DAEMON_JSON"; then
    as_root cp "$DAEMON_JSON" "${DAEMON_JSON}.bak.$(date +%s)"
    log "existing $DAEMON_JSON backed up"
  fi
  as_root mkdir -p /etc/docker
  printf '%s\n' "$desired_json" | as_root tee "$DAEMON_JSON" >/dev/null
  config_changed=1
  log "wrote $DAEMON_JSON"
fi

docker_ready() { docker info >/dev/null 2>&1; }

if docker_ready && [ "$config_changed" -eq 1 ]; then
  # dockerd re-reads the runtimes section on SIGHUP, so a running engine picks up the change
  # without stopping containers.
  log "reloading dockerd configuration"
  as_root pkill -HUP -x dockerd || true
  sleep 1
fi

if ! docker_ready; then
  log "starting dockerd (log: $DOCKERD_LOG)"
  as_root bash -c "nohup dockerd >>'$DOCKERD_LOG' 2>&1 </dev/null &"
  for _ in $(seq 1 60); do
    docker_ready && break
    sleep 0.5
  done
  if ! docker_ready; then
    log "dockerd did not become ready within 30 s; last log lines:"
    tail -n 30 "$DOCKERD_LOG" >&2 || true
    exit 1
  fi
fi

if ! docker info --format '{{json .Runtimes}}' | grep -q '"runsc-net"'; then
  log "dockerd does not list the runsc runtimes; check $DAEMON_JSON"
  exit 1
fi
log "dockerd ready with runtimes: $(docker info --format '{{range $k, $v := .Runtimes}}{{$k}} {{end}}')"

bash "$ROOT/docker/build-images.sh"
