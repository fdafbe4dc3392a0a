#!/usr/bin/env node
// Totals every suite's report in a directory and prints the one line CI reads:
// "N passed, N failed". Jest reports (numPassedTests/numFailedTests) and our own
// { passed, failed } reports are both understood. A missing report counts as a failure.
// Before that line it prints where the time went: each suite's wall time (durations.json,
// written by run-all.sh) and the slowest Jest files, so a suite that grows slow is seen early.
// The web e2e report's totals count its checks; its scenarios are listed below its line.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2] ?? 'reports';
const expected = ['lint.json', 'jest.json', 'web-e2e.json'];
const SLOWEST_SHOWN = 8;

function readJson(name) {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

const seconds = (milliseconds) => `${(milliseconds / 1000).toFixed(1)} s`;

function printDurations() {
  const durations = readJson('durations.json') ?? {};
  const suites = Object.entries(durations).map(([suite, ms]) => `${suite} ${seconds(ms)}`);
  if (suites.length > 0) console.log(`durations: ${suites.join(', ')}`);
  const jest = readJson('jest.json');
  const files = (jest?.testResults ?? [])
    .map((result) => ({ file: path.relative(process.cwd(), result.name), ms: result.endTime - result.startTime }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, SLOWEST_SHOWN);
  if (files.length > 0) {
    console.log('slowest Jest files:');
    for (const { file, ms } of files) console.log(`  ${seconds(ms).padStart(8)}  ${file}`);
  }
}

let passed = 0;
let failed = 0;
for (const name of expected) {
  const report = readJson(name);
  if (!report) {
    console.log(`${name}: missing (the suite did not run to completion)`);
    failed += 1;
    continue;
  }
  const p = report.numPassedTests ?? report.passed ?? 0;
  // A Jest suite that fails to load has no failed tests but a failed suite: count it.
  const f = (report.numFailedTests ?? report.failed ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  console.log(`${name}: ${p} passed, ${f} failed`);
  // The browser e2e also names its scenarios: which one failed, and how long each took.
  for (const scenario of report.scenarios ?? [])
    console.log(`  ${scenario.status.padEnd(7)} ${String(scenario.durationMs).padStart(7)} ms  ${scenario.name}`);
  passed += p;
  failed += f;
}
printDurations();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
