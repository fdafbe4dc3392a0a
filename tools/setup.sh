#!/usr/bin/env bash
# `npm run setup`: installs dependencies and builds the services and the dashboard, so that
# `npm start` can run the platform. Needs Node 20.19+ and git; nothing else on a fresh Debian.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_NO_CLOUD=true NX_DAEMON=false
command -v git >/dev/null || { echo "git is required: apt-get install -y git"; exit 1; }
npm ci --no-audit --no-fund
npx tsc -p tsconfig.build.json
npx vite build --config apps/web/vite.config.ts --logLevel warn
echo "Set up. Start Patchbay with: npm start"
