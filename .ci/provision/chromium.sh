#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser tests (never a downloaded browser). Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
if [ -x /usr/bin/chromium ]; then
  echo "[provision/chromium] already installed"
else
  echo "[provision/chromium] installing chromium"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends chromium </dev/null
fi
