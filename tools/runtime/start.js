#!/usr/bin/env node
// `npm start`: all-in-one Patchbay. Compiles the services first (a few seconds; keeps the build in
// step with the sources), then runs the gateway with the agent services in one process
// (embedded PostgreSQL unless DATABASE_URL is set).
const { spawnSync, spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const entry = path.join(root, 'dist/out-tsc/apps/gateway/src/all-in-one.js');
{
  console.log('Compiling the services...');
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const child = spawn(
  process.execPath,
  ['-r', path.join(root, 'tools/runtime/register-aliases.js'), entry, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
