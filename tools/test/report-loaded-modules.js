// Preloaded into a service by tools/test/production-dependencies.integration-spec.ts:
//   node -r <app>/tools/runtime/register-aliases.js -r report-loaded-modules.js <entry>
// When the process exits, writes one line to stderr, `loaded-modules {…}`, counting the CommonJS
// modules it loaded: in all, its own (the compiled workspace), and per package. Modules loaded
// with import() (ESM) are not in require.cache and are not counted.
const fs = require('node:fs');
const path = require('node:path');

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/** The package a file belongs to: the last node_modules segment of its path, scoped or not. */
function packageOf(file) {
  const at = file.lastIndexOf(NODE_MODULES);
  if (at === -1) return null;
  const parts = file.slice(at + NODE_MODULES.length).split(path.sep);
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

process.on('exit', () => {
  const files = Object.keys(require.cache);
  const packages = {};
  let own = 0;
  for (const file of files) {
    const name = packageOf(file);
    if (name === null) own += 1;
    else packages[name] = (packages[name] ?? 0) + 1;
  }
  // Synchronous: an exit handler's asynchronous writes may never happen.
  fs.writeSync(2, `\nloaded-modules ${JSON.stringify({ total: files.length, own, packages })}\n`);
});
