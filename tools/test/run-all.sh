#!/usr/bin/env bash
# `npm test`: every suite of the repository, each writing a JSON report under reports/ that
# tools/test/summarise-reports.js totals. Needs PostgreSQL, RabbitMQ, Docker + gVisor and
# Chromium running (bash .ci/run provisions them).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export NX_NO_CLOUD=true NX_DAEMON=false
rm -rf reports && mkdir -p reports
status=0

echo "== lint and type checks"
if npm run --silent lint; then echo '{"name":"lint","passed":1,"failed":0}' > reports/lint.json
else echo '{"name":"lint","passed":0,"failed":1}' > reports/lint.json; status=1; fi

echo "== Node suites (unit and integration, real services)"
npx jest --runInBand --forceExit --json --outputFile=reports/jest.json || status=1

echo "== dashboard in headless Chromium"
npx tsc -p tsconfig.build.json || status=1
node tools/runtime/run-ts.js apps/web/e2e/dashboard.e2e.ts --report reports/web-e2e.json || status=1

exit $status
