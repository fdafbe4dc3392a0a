#!/usr/bin/env node
// `npm run doctor`: checks every prerequisite of `npm start` and prints the fix for each. The
// checks are TypeScript (doctor-checks.ts) and need node_modules to run, so the two things that
// could make that impossible — an old Node, no dependencies — are checked here first, in plain JS.
const { existsSync } = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '../..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.log(
    `✗ Node.js: ${process.versions.node} is too old: Patchbay needs >=20.19\n    fix: install Node.js 20.19 or newer (https://nodejs.org/en/download), then npm run setup`,
  );
  process.exit(1);
}
if (!existsSync(path.join(root, 'node_modules', 'typescript'))) {
  console.log('✗ npm dependencies: node_modules is missing\n    fix: npm run setup');
  process.exit(1);
}
const run = spawnSync(
  process.execPath,
  [path.join(root, 'tools/runtime/run-ts.js'), path.join(__dirname, 'doctor.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(run.status ?? 1);
