#!/usr/bin/env node
// Exit 0 when node_modules holds exactly what package-lock.json pins (npm's own record of what it
// installed, node_modules/.package-lock.json, has every locked package at the locked version),
// so `npm run setup` skips `npm ci` on a machine already set up. Optional packages of other
// platforms are never installed and do not count.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
let locked;
let installed;
try {
  locked = read('package-lock.json').packages ?? {};
  installed = read('node_modules/.package-lock.json').packages ?? {};
} catch {
  process.exit(1);
}
for (const [key, entry] of Object.entries(locked)) {
  if (!key.startsWith('node_modules/') || entry.link) continue;
  const got = installed[key];
  if (!got ? !entry.optional : got.version !== entry.version) {
    console.log(
      `${key.slice('node_modules/'.length)} ${got ? `is ${got.version}, locked ${entry.version}` : 'is missing'}`,
    );
    process.exit(1);
  }
}
