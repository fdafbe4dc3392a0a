// Resolves the workspace's `@patchbay/*` import aliases to the compiled output in dist/out-tsc,
// so the same tsconfig paths serve the type checker, Jest and the running services.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

tsconfigPaths.register({
  baseUrl: path.resolve(__dirname, '../../dist/out-tsc'),
  paths: compilerOptions.paths,
});
