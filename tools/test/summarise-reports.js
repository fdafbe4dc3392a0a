#!/usr/bin/env node
// Totals every suite's report in a directory and prints the one line CI reads:
// "N passed, N failed". Jest reports (numPassedTests/numFailedTests) and our own
// { passed, failed } reports are both understood. A missing report counts as a failure.
// The web e2e report's totals count its checks; its scenarios are listed below its line.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2] ?? 'reports';
const expected = ['lint.json', 'jest.json', 'web-e2e.json'];
let passed = 0;
let failed = 0;
for (const name of expected) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    console.log(`${name}: missing (the suite did not run to completion)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const p = report.numPassedTests ?? report.passed ?? 0;
  // A Jest suite that fails to load has no failed tests but a failed suite: count it.
  const f = (report.numFailedTests ?? report.failed ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  console.log(`${name}: ${p} passed, ${f} failed`);
  // The browser e2e also names its scenarios: which one failed, and how long each took.
  for (const scenario of report.scenarios ?? []) console.log(`  ${scenario.status.padEnd(7)} ${String(scenario.durationMs).padStart(7)} ms  ${scenario.name}`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
