// ESLint rule `patchbay/no-dev-dependency-imports`: code that runs in production loads only the
// packages package.json lists under "dependencies". The production image installs those alone
// (`npm ci --omit=dev`, docker/patchbay.Dockerfile), so a runtime import of a devDependency passes
// every spec — they run from the full node_modules — and fails when the service starts (ADR 0021).
// A package listed nowhere is refused too: it is there only because some dependency pulled it in,
// unless the configuration names the dependency that provides it on purpose (Nest's Express
// adapter brings the Express it is built for; declaring another could install a second copy).
//
// Type-only imports (`import type …`, `export type … from`) are allowed: tsc erases them, so the
// running service never loads them. Which files are production code is eslint.config.mjs's choice.
const fs = require('node:fs');
const { isBuiltin } = require('node:module');

/** `@scope/name/deep/path` → `@scope/name`; `name/deep` → `name`; relative paths and URLs → null. */
function packageNameOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const manifests = new Map();

/** package.json read once per lint run; the rule runs for every file. */
function manifestAt(file) {
  if (!manifests.has(file)) {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    manifests.set(file, {
      dependencies: new Set(Object.keys(manifest.dependencies ?? {})),
      devDependencies: new Set(Object.keys(manifest.devDependencies ?? {})),
    });
  }
  return manifests.get(file);
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  // `import { type A, type B } from 'x'` is elided as a whole as well.
  const specifiers = node.specifiers ?? [];
  return (
    node.type === 'ImportDeclaration' &&
    specifiers.length > 0 &&
    specifiers.every((specifier) => specifier.importKind === 'type')
  );
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Production code imports only packages listed under "dependencies" in package.json.' },
    schema: [
      {
        type: 'object',
        properties: {
          /** Absolute path of the package.json whose dependencies production installs. */
          packageJson: { type: 'string' },
          /** Import prefixes that are the workspace's own code (tsconfig paths), not packages. */
          workspacePrefixes: { type: 'array', items: { type: 'string' } },
          /** Undeclared packages a declared dependency installs on purpose: `{ express: '@nestjs/platform-express' }`. */
          providedBy: { type: 'object', additionalProperties: { type: 'string' } },
        },
        required: ['packageJson'],
        additionalProperties: false,
      },
    ],
    messages: {
      devDependency:
        "'{{name}}' is a devDependency, which the production image does not install. Import it from tests only, load something else, or move it to dependencies if the service needs it at run time.",
      undeclared:
        "'{{name}}' is not in package.json's dependencies; it is only installed because another package depends on it. Declare it under dependencies or do without it.",
    },
  },
  create(context) {
    const [{ packageJson, workspacePrefixes = [], providedBy = {} }] = context.options;
    const manifest = manifestAt(packageJson);

    function check(node, source) {
      if (!source || typeof source.value !== 'string') return;
      const specifier = source.value;
      if (isBuiltin(specifier) || workspacePrefixes.some((prefix) => specifier.startsWith(prefix))) return;
      const name = packageNameOf(specifier);
      if (name === null || manifest.dependencies.has(name) || manifest.dependencies.has(providedBy[name])) return;
      context.report({
        node: source,
        messageId: manifest.devDependencies.has(name) ? 'devDependency' : 'undeclared',
        data: { name },
      });
    }

    return {
      ImportDeclaration: (node) => !isTypeOnly(node) && check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && !isTypeOnly(node) && check(node, node.source),
      ExportAllDeclaration: (node) => !isTypeOnly(node) && check(node, node.source),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source),
      TSImportEqualsDeclaration: (node) =>
        node.importKind !== 'type' &&
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node, node.moduleReference.expression),
      CallExpression: (node) => {
        const callee = node.callee;
        const isRequire = callee.type === 'Identifier' && callee.name === 'require';
        const isResolve =
          callee.type === 'MemberExpression' &&
          callee.object.type === 'Identifier' &&
          callee.object.name === 'require' &&
          callee.property.type === 'Identifier' &&
          callee.property.name === 'resolve';
        if ((isRequire || isResolve) && node.arguments.length === 1 && node.arguments[0].type === 'Literal')
          check(node, node.arguments[0]);
      },
    };
  },
};

module.exports = { rule, packageNameOf };
