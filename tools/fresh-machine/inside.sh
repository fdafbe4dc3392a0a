#!/usr/bin/env bash
# Third stage of run.sh: runs inside the fresh Debian root, as root, as a newcomer would — clone,
# `npm run setup`, `npm run doctor`, `npm start` and the demo to a pull request; then with the
# engine stopped, `npm run doctor` and the demo again, which must both name the missing engine.
# Each phase's wall time goes to /root/fresh-machine/timings for run.sh's summary.
set -euo pipefail
HERE=/root/fresh-machine
CHECKOUT=/root/patchbay
: >"$HERE/timings"

log() { printf '[inside %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
# phase NAME COMMAND...: runs COMMAND, records its wall time, stops the run when it fails.
phase() {
  local name="$1" t0 status=0
  shift
  echo "$name" >>"$HERE/current-phase"
  log "==> $name"
  t0=$(date +%s)
  "$@" || status=$?
  local s=$(($(date +%s) - t0)) verdict=ok
  [ "$status" -eq 0 ] || verdict="FAILED (exit $status)"
  printf '%-44s %5ss  %s\n' "$name" "$s" "$verdict" >>"$HERE/timings"
  log "<== $name: $verdict in ${s}s"
  return "$status"
}

log "a fresh Debian $(cat /etc/debian_version): $(command -v docker dockerd runsc 2>/dev/null | tr '\n' ' ')(none expected), node $(node --version), $(git --version)"
[ -z "$(command -v dockerd || true)" ] || { log "dockerd is already installed: not a fresh machine"; exit 1; }
[ "$(cat /proc/1/comm)" != dockerd ] || exit 1

phase "git clone (local path)" git clone -q /srv/patchbay.git "$CHECKOUT"
cd "$CHECKOUT"

# setup's own steps, timestamped, for the figures.
setup_with_times() {
  npm run setup 2>&1 | while IFS= read -r line; do
    case "$line" in '[setup '* | 'Set up.'*) printf '%s  (at %s)\n' "$line" "$(date -u +%H:%M:%S)" ;; *) printf '%s\n' "$line" ;; esac
  done
}
phase "npm run setup" setup_with_times

doctor_expect_ok() {
  npm run --silent doctor | tee "$HERE/doctor-ready.txt"
}
phase "npm run doctor (engine up: exit 0)" doctor_expect_ok

phase "npm run setup again (idempotent)" npm run setup

phase "npm start: the demo reaches a pull request" node "$HERE/drive-demo.js" pull-request "$CHECKOUT" /root/patchbay-data

stop_engine() {
  local pid
  pid="$(cat /var/run/docker.pid)"
  log "stopping dockerd (pid $pid in this namespace)"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "dockerd did not stop within 30 s"; return 1; fi
  if docker info >/dev/null 2>&1; then log "docker info still answers"; return 1; fi
  log "the engine is down: $(docker info 2>&1 | grep -m1 -i 'cannot connect\|error' || true)"
}
phase "stop the engine (dockerd)" stop_engine

doctor_expect_missing() {
  local status=0
  npm run --silent doctor >"$HERE/doctor-engine-down.txt" 2>&1 || status=$?
  cat "$HERE/doctor-engine-down.txt"
  if [ "$status" -eq 0 ]; then log "npm run doctor exited 0 with the engine down"; return 1; fi
  grep -q '✗ Docker engine' "$HERE/doctor-engine-down.txt" || { log "npm run doctor does not name the Docker engine"; return 1; }
  grep -q 'fix: ' "$HERE/doctor-engine-down.txt" || { log "npm run doctor gives no fix"; return 1; }
  log "npm run doctor exited $status and named the engine"
}
phase "npm run doctor (engine down: names it, exit 1)" doctor_expect_missing

phase "npm start: the demo fails naming the engine" node "$HERE/drive-demo.js" engine-missing "$CHECKOUT" /root/patchbay-data-engine-down
log "all phases passed"
