#!/usr/bin/env bash
# `npm run setup`: everything `npm start` needs on Debian or Ubuntu — the sandbox engine (Docker,
# gVisor, the runtimes, the offline images), the speech tools, the npm dependencies and the builds.
# Needs Node 20.19+ and git; uses sudo when not root. Idempotent: on a machine already set up it
# only verifies, in seconds, and changes nothing. `npm run doctor` checks the result.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_NO_CLOUD=true NX_DAEMON=false
step() { printf '\n[setup %s/5] %s\n' "$1" "$2"; }

command -v git >/dev/null || { echo "git is required: sudo apt-get install -y git"; exit 1; }

step 1 "sandbox engine: Docker, gVisor (runsc), runtimes, offline images"
PROVISION_SUDO_INTERACTIVE=1 bash tools/provision/sandbox-engine.sh

step 2 "speech tools (espeak-ng, opusenc; optional)"
# Without them tasks still complete, with a warning.
SPEECH_SUDO_INTERACTIVE=1 bash .ci/provision/speech.sh || echo "Could not install espeak-ng and opus-tools: spoken summaries will be skipped until they are installed (or set TTS_PROVIDER=off)"

step 3 "npm dependencies"
if node tools/provision/dependencies-in-step.js; then
  echo "node_modules is in step with package-lock.json"
else
  npm ci --no-audit --no-fund
fi

# newer_than MARKER DIR...: whether any source under DIR changed after MARKER was built.
newer_than() { local marker="$1"; shift; [ ! -e "$marker" ] || [ -n "$(find "$@" -newer "$marker" -type f \( -name '*.ts' -o -name '*.tsx' -o -name '*.json' -o -name '*.css' -o -name '*.html' \) -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ]; }

# As root, `npm start`'s embedded PostgreSQL runs as the `postgres` user (PostgreSQL refuses root),
# which must pass through every directory above the checkout to reach its binaries in node_modules
# and its data in .patchbay. A checkout in root's home (0700 on Debian and Ubuntu) stops it, so
# those directories get traverse-only access (o+x: entering, not listing), as DATA_DIR does (0711).
if [ "$(id -u)" -eq 0 ]; then
  dir="$PWD"
  while :; do
    if [ -z "$(find "$dir" -maxdepth 0 -perm -o+x)" ]; then
      chmod o+x "$dir"
      echo "$dir: allowed other users to traverse it (chmod o+x), so the embedded PostgreSQL (user postgres) can reach the checkout"
    fi
    [ "$dir" = / ] && break
    dir="$(dirname "$dir")"
  done
fi

step 4 "build the services"
if newer_than dist/out-tsc/apps/gateway/src/all-in-one.js apps libs tsconfig.base.json tsconfig.build.json package-lock.json; then
  npx tsc -p tsconfig.build.json
else
  echo "dist/out-tsc is up to date"
fi

step 5 "build the dashboard"
if newer_than dist/apps/web/index.html apps/web libs/contracts package-lock.json; then
  npx vite build --config apps/web/vite.config.ts --logLevel warn
else
  echo "dist/apps/web is up to date"
fi

printf '\nSet up. Check with: npm run doctor — start Patchbay with: npm start\n'
