#!/usr/bin/env node
// Resolves module names as the file that names them would at run time, and prints where each
// resolves to (null when it does not). Run with the services' own resolver so `@patchbay/*`
// names resolve as in production:
//   node -r <app>/tools/runtime/register-aliases.js resolve-modules.js < requests.json
// stdin: [{ "from": "/abs/file.js", "name": "zod" }, …]; stdout: the same with "resolved" added.
const { createRequire } = require('node:module');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const requests = JSON.parse(input);
  const results = requests.map(({ from, name }) => {
    try {
      return { from, name, resolved: createRequire(from).resolve(name) };
    } catch {
      return { from, name, resolved: null };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
