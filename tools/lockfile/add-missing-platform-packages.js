#!/usr/bin/env node
// The npm registry this project installs from does not carry every platform build of some
// native packages (rollup's and Tailwind's binaries for macOS, Windows, …), so `npm install`
// cannot record them, and npm 11's `npm ci` then refuses a lockfile that lacks packages named in
// an optionalDependencies map. This adds a placeholder entry, with the os/cpu/libc that rule it
// out on other platforms, for every such missing optional package. npm ci never fetches them on
// Linux x64; on another platform, regenerate the lockfile there instead.
// Run after changing dependencies: node tools/lockfile/add-missing-platform-packages.js
const fs = require('node:fs');
const path = require('node:path');

const file = path.resolve(__dirname, '../../package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const osIndex = parts.findIndex((part) => OS.includes(part));
  if (osIndex === -1) return parts.includes('wasm32') ? { cpu: ['wasm32'] } : null;
  const cpu = parts[osIndex + 1];
  const entry = {
    os: [parts[osIndex]],
    cpu: [cpu === 'arm' || cpu === 'arm64' || cpu === 'x64' || cpu === 'ia32' ? cpu : cpu],
  };
  if (parts.includes('musl') || parts.includes('musleabihf')) entry.libc = ['musl'];
  if (parts.includes('gnu') || parts.includes('gnueabihf')) entry.libc = ['glibc'];
  if (cpu === 'arm') entry.cpu = ['arm'];
  return entry;
}

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `${key ? `${key}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[at] || lock.packages[hoisted]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    lock.packages[hoisted] = {
      version: String(range).replace(/^[\^~]/, ''),
      dev: entry.dev || undefined,
      optional: true,
      ...platform,
    };
    added += 1;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} placeholder entries for platform packages the registry does not carry`);
