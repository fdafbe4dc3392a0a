// Lint rules for the whole workspace. Module boundaries follow the project tags:
// scope:* says which domain a project belongs to, type:* what kind of project it is.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const require = createRequire(import.meta.url);
const { rule: noDevDependencyImports } = require('./tools/eslint/no-dev-dependency-imports.js');

// Code that never runs in production: specs, browser e2e, the test library, each library's
// private test helpers (src/testing/, never exported), and the web app's build configuration.
const TEST_AND_BUILD_FILES = [
  '**/*.spec.ts',
  '**/*.spec.tsx',
  '**/*.integration-spec.ts',
  '**/*.e2e-spec.ts',
  '**/e2e/**',
  'libs/testing/**',
  '**/src/testing/**',
  'apps/web/vite.config.ts',
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'tmp/**', '.nx/**', 'reports/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports (a default export only where a tool requires it).',
        },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Apps only wire: they may use any library, never another app.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'],
            },
            // Production libraries never see the testing library (its fakes and harnesses); specs may (below).
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:util',
                'type:contracts',
                'type:testing',
              ],
            },
            // Domains stay apart: a domain's libraries see only themselves and the shared ones.
            // The gateway app is also the all-in-one host, so it composes every domain.
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:supervisor', onlyDependOnLibsWithTags: ['scope:supervisor', 'scope:shared'] },
            { sourceTag: 'scope:sandbox', onlyDependOnLibsWithTags: ['scope:sandbox', 'scope:shared'] },
            {
              sourceTag: 'scope:coding-agent',
              onlyDependOnLibsWithTags: ['scope:coding-agent', 'scope:sandbox', 'scope:shared'],
            },
            {
              sourceTag: 'scope:testing-agent',
              onlyDependOnLibsWithTags: ['scope:testing-agent', 'scope:sandbox', 'scope:shared'],
            },
            {
              sourceTag: 'scope:github-agent',
              onlyDependOnLibsWithTags: ['scope:github-agent', 'scope:sandbox', 'scope:shared'],
            },
            { sourceTag: 'scope:research-agent', onlyDependOnLibsWithTags: ['scope:research-agent', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'type:contracts'] },
          ],
        },
      ],
    },
  },
  {
    // Production code loads only `dependencies`: the image installs nothing else (ADR 0021).
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts', 'migrations/**/*.ts'],
    ignores: TEST_AND_BUILD_FILES,
    plugins: { patchbay: { rules: { 'no-dev-dependency-imports': noDevDependencyImports } } },
    rules: {
      'patchbay/no-dev-dependency-imports': [
        'error',
        {
          packageJson: fileURLToPath(new URL('./package.json', import.meta.url)),
          workspacePrefixes: ['@patchbay/'],
          providedBy: { express: '@nestjs/platform-express' },
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/testing/**', '**/testing'],
              message: 'Test helpers stay out of production code: import them from specs only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Type-aware rules: they need the compiler's view of each file, so they read the same tsconfigs
    // the type checks use. Kept to the two that catch real mistakes here — an assertion the types
    // already guarantee (it hides a later type change) and a promise passed where nothing awaits it.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.spec.json',
          './apps/web/tsconfig.json',
          './apps/web/tsconfig.spec.json',
          './apps/web/tsconfig.e2e.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Specs may use test-only helpers and the testing library from any domain.
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // Tools that load a module through its default export: Vite's config, Jest's global setup.
    files: ['apps/web/vite.config.ts', 'libs/testing/src/global-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
