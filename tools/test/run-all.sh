#!/usr/bin/env bash
# `npm test`: every suite of the repository, each writing a JSON report under reports/ that
# tools/test/summarise-reports.js totals. Needs PostgreSQL, RabbitMQ, Docker + gVisor and
# Chromium running (bash .ci/run provisions them).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export NX_NO_CLOUD=true NX_DAEMON=false
rm -rf reports && mkdir -p reports
status=0

# Wall time of each suite, so a slow suite is visible in every CI log (summarise-reports.js prints them).
declare -A started
suite_started() { started[$1]=$(date +%s%3N); }
suite_finished() { node tools/test/record-duration.js "$1" "$(( $(date +%s%3N) - started[$1] ))"; }

echo "== lint and type checks"
suite_started lint
if npm run --silent lint; then echo '{"name":"lint","passed":1,"failed":0}' > reports/lint.json
else echo '{"name":"lint","passed":0,"failed":1}' > reports/lint.json; status=1; fi
suite_finished lint

echo "== Node suites (unit and integration, real services)"
suite_started jest
# In band, one process holds every spec's modules: it grew past Node's default 4 GB heap once the
# suite passed ~140 files and died (and spent its last minutes in full garbage collections).
node --max-old-space-size=8192 node_modules/jest/bin/jest.js --runInBand --forceExit --json --outputFile=reports/jest.json || status=1
suite_finished jest

echo "== dashboard in headless Chromium"
suite_started web-e2e
npx tsc -p tsconfig.build.json || status=1
node tools/runtime/run-ts.js apps/web/e2e/dashboard.e2e.ts --report reports/web-e2e.json || status=1
suite_finished web-e2e

exit $status
