#!/usr/bin/env bash
# Debian's espeak-ng and opus-tools (opusenc) for the offline spoken summary (docs/pipeline.md).
# Installs only what is missing; idempotent. As root it runs apt-get directly, otherwise through
# sudo: non-interactive in CI, allowed to ask for a password when SPEECH_SUDO_INTERACTIVE=1 (npm run setup).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

log() { printf '[provision/speech] %s\n' "$*"; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif [ "${SPEECH_SUDO_INTERACTIVE:-0}" = "1" ]; then sudo "$@"
  else sudo -n "$@"; fi
}

missing=()
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v opusenc >/dev/null 2>&1 || missing+=(opus-tools)
if [ "${#missing[@]}" -eq 0 ]; then
  log "espeak-ng and opusenc already installed"
  exit 0
fi
log "installing ${missing[*]}"
# dpkg's chatter (a hundred "Setting up …" lines in npm run setup) goes to a log, shown only on failure.
APT_LOG="$(mktemp /tmp/patchbay-speech-apt.XXXXXX.log)"
status=0
{ as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"; } </dev/null >"$APT_LOG" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then log "apt-get install ${missing[*]} failed; last lines of $APT_LOG:"; tail -n 30 "$APT_LOG" >&2; exit "$status"; fi
command -v espeak-ng >/dev/null 2>&1 && command -v opusenc >/dev/null 2>&1 || { log "espeak-ng or opusenc is still missing"; exit 1; }
log "installed ${missing[*]}"
