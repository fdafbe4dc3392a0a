#!/usr/bin/env bash
# CI's sandbox provisioning is the same script `npm run setup` runs (see it for what it does).
set -euo pipefail
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/tools/provision/sandbox-engine.sh" "$@"
