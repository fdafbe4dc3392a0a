#!/usr/bin/env bash
# `npm run setup`: installs dependencies and builds the services and the dashboard, so that
# `npm start` can run the platform. Needs Node 20.19+ and git; nothing else on a fresh Debian.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_NO_CLOUD=true NX_DAEMON=false
command -v git >/dev/null || { echo "git is required: apt-get install -y git"; exit 1; }
# The offline spoken summary needs espeak-ng and opusenc; without them tasks still complete, with a warning.
SPEECH_SUDO_INTERACTIVE=1 bash .ci/provision/speech.sh || echo "Could not install espeak-ng and opus-tools: spoken summaries will be skipped until they are installed (or set TTS_PROVIDER=off)"
npm ci --no-audit --no-fund
npx tsc -p tsconfig.build.json
npx vite build --config apps/web/vite.config.ts --logLevel warn
echo "Set up. Start Patchbay with: npm start"
