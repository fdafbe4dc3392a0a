#!/usr/bin/env bash
# Provisions the sandbox's container engine on Debian or Ubuntu: Docker (docker.io), gVisor (runsc)
# and debootstrap, the runsc runtimes in /etc/docker/daemon.json, a running dockerd, and the
# offline sandbox images. One script for `npm run setup` and CI (.ci/provision/docker.sh calls it).
# Idempotent: every step checks before it acts, so on a provisioned machine it only verifies (a few
# seconds) and changes nothing.
#
# Runtimes registered (other keys of an existing daemon.json are kept):
#   runsc      --network=none  default sandboxes: gVisor with no network stack at all
#   runsc-net  --network=host  registries mode: gVisor uses the network namespace Docker creates
#                              for the container, which sits on an --internal network whose only
#                              reachable peer is the sandbox service's filtering proxy.
#
# Environment: PROVISION_SUDO_INTERACTIVE=1 lets sudo ask for a password (npm run setup); without
# it sudo must not prompt (CI). DOCKERD_LOG: where a dockerd started here logs.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/dockerd.log}"
DAEMON_JSON=/etc/docker/daemon.json
APT_LOG="$(mktemp /tmp/patchbay-apt.XXXXXX.log)"

log() { printf '[sandbox-engine] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif [ "${PROVISION_SUDO_INTERACTIVE:-0}" = "1" ]; then sudo "$@"
  else sudo -n "$@"; fi
}

# systemd as PID 1 owns dockerd where it runs; containers and CI runners have no init system, so
# dockerd is started directly there.
has_systemd() { [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  # policy-rc.d keeps package scripts from starting services through an init system the machine
  # may lack; dockerd is started below instead.
  local policy_created=0
  if ! has_systemd && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    policy_created=1
  fi
  # dpkg's chatter goes to a log, shown only when the install fails.
  local status=0
  as_root apt-get install -y -qq --no-install-recommends "$@" </dev/null >"$APT_LOG" 2>&1 || status=$?
  if [ "$policy_created" -eq 1 ]; then as_root rm -f /usr/sbin/policy-rc.d; fi
  if [ "$status" -ne 0 ]; then log "apt-get install $* failed; last lines of $APT_LOG:"; tail -n 30 "$APT_LOG" >&2; exit "$status"; fi
}

# Ubuntu's archive has no runsc package: gVisor's own apt repository has (gvisor.dev/docs/user_guide/install).
add_gvisor_repository() {
  log "runsc is not in this distribution's archive: adding gVisor's apt repository"
  apt_install ca-certificates curl gnupg
  curl -fsSL https://gvisor.dev/archive.key | as_root gpg --dearmor --yes -o /usr/share/keyrings/gvisor-archive-keyring.gpg
  echo "deb [arch=$(dpkg --print-architecture) signed-by=/usr/share/keyrings/gvisor-archive-keyring.gpg] https://storage.googleapis.com/gvisor/releases release main" |
    as_root tee /etc/apt/sources.list.d/gvisor.list >/dev/null
  apt_updated=0
}

log "checking packages: docker.io, runsc, debootstrap"
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
# debootstrap of a Debian rootfs on Ubuntu needs Debian's archive keys.
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || missing+=(debian-archive-keyring)
if ! command -v runsc >/dev/null 2>&1; then
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  apt-cache show runsc >/dev/null 2>&1 || add_gvisor_repository
  missing+=(runsc)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  apt_install "${missing[@]}"
else
  log "docker.io, runsc and debootstrap already installed"
fi

RUNSC_PATH="$(command -v runsc)"
# Merges the two runtimes into daemon.json and prints "changed" only when the file had to change.
merge_daemon_json() {
  node - "$DAEMON_JSON" "$RUNSC_PATH" <<'JS'
const fs = require('node:fs');
const [file, runsc] = process.argv.slice(2);
let current = {};
try { current = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (error) { if (error.code !== 'ENOENT') { console.error(`${file} is not valid JSON: ${error.message}`); process.exit(2); } }
const wanted = { runsc: { path: runsc, runtimeArgs: ['--network=none'] }, 'runsc-net': { path: runsc, runtimeArgs: ['--network=host'] } };
const same = Object.entries(wanted).every(([name, spec]) => JSON.stringify(current.runtimes?.[name]) === JSON.stringify(spec));
if (same) process.exit(0);
process.stdout.write(JSON.stringify({ ...current, runtimes: { ...(current.runtimes ?? {}), ...wanted } }, null, 2) + '\n');
JS
}
log "checking $DAEMON_JSON"
command -v node >/dev/null 2>&1 || { log "node is required to edit $DAEMON_JSON"; exit 1; }
merged="$(merge_daemon_json)"
config_changed=0
if [ -n "$merged" ]; then
  as_root mkdir -p /etc/docker
  if [ -f "$DAEMON_JSON" ]; then as_root cp "$DAEMON_JSON" "${DAEMON_JSON}.bak.$(date +%s)"; log "previous $DAEMON_JSON backed up"; fi
  printf '%s\n' "$merged" | as_root tee "$DAEMON_JSON" >/dev/null
  config_changed=1
  log "registered the runsc and runsc-net runtimes in $DAEMON_JSON"
else
  log "runsc runtimes already registered"
fi

docker_ready() { as_root docker info >/dev/null 2>&1; }

if docker_ready && [ "$config_changed" -eq 1 ]; then
  # dockerd re-reads the runtimes on SIGHUP, so a running engine picks them up without stopping containers.
  log "reloading dockerd's configuration"
  if has_systemd; then as_root systemctl reload docker; else as_root pkill -HUP -x dockerd || true; fi
  sleep 1
fi

if ! docker_ready; then
  if has_systemd; then
    log "starting dockerd (systemctl enable --now docker)"
    as_root systemctl enable --now docker
  else
    log "starting dockerd without an init system (log: $DOCKERD_LOG)"
    as_root bash -c "nohup dockerd >>'$DOCKERD_LOG' 2>&1 </dev/null &"
  fi
  for _ in $(seq 1 60); do
    docker_ready && break
    sleep 0.5
  done
  if ! docker_ready; then
    log "dockerd did not become ready within 30 s; last log lines:"
    if has_systemd; then as_root journalctl -u docker -n 30 --no-pager >&2 || true; else tail -n 30 "$DOCKERD_LOG" >&2 || true; fi
    if ! has_systemd && grep -qE 'you must be root|operation not permitted' "$DOCKERD_LOG" 2>/dev/null; then
      log "dockerd may not manage iptables or cgroups here: this looks like an unprivileged container; run Patchbay on a VM or host (or a privileged container)"
    fi
    exit 1
  fi
fi

if ! as_root docker info --format '{{json .Runtimes}}' | grep -q '"runsc-net"'; then
  log "dockerd does not list the runsc runtimes; check $DAEMON_JSON"
  exit 1
fi
log "dockerd ready with runtimes: $(as_root docker info --format '{{range $k, $v := .Runtimes}}{{$k}} {{end}}')"

# A user who is not root reaches the engine through the docker group; the group applies from the next login.
if [ "$(id -u)" -ne 0 ] && ! docker info >/dev/null 2>&1; then
  as_root usermod -aG docker "$(id -un)"
  log "added $(id -un) to the docker group: log out and in again (or run: newgrp docker) so Patchbay can reach the engine"
fi

log "checking the sandbox images (the first build debootstraps Debian: a few minutes)"
# As this user when it reaches the engine (files the build writes stay theirs), else as root with
# the build's own variables carried over.
if docker info >/dev/null 2>&1; then
  bash "$ROOT/docker/build-images.sh"
else
  image_env=()
  for name in SANDBOX_IMAGES DEBIAN_MIRROR FORCE_REBUILD SANDBOX_EXTRA_CA_FILE NODE_EXTRA_CA_CERTS SSL_CERT_FILE; do
    if [ -n "${!name:-}" ]; then image_env+=("$name=${!name}"); fi
  done
  as_root env ${image_env[@]+"${image_env[@]}"} bash "$ROOT/docker/build-images.sh"
fi
