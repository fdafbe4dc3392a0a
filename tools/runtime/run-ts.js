#!/usr/bin/env node
// Runs a TypeScript script from source (benchmarks, one-off tools) without a build step:
// each .ts file is transpiled on load, the way Jest's ts-jest does it, and `@patchbay/*` aliases
// resolve to the libraries' sources. Type checking stays with `npm run lint`.
// Usage: node tools/runtime/run-ts.js path/to/script.ts [args...]
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '../..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
tsconfigPaths.register({ baseUrl: root, paths: compilerOptions.paths });

const transpileOptions = {
  ...ts.convertCompilerOptionsFromJson(compilerOptions, root).options,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  sourceMap: false,
  inlineSourceMap: true,
};
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: transpileOptions, fileName: filename });
  module._compile(outputText, filename);
};

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node tools/runtime/run-ts.js <script.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...args];
require(path.resolve(script));
