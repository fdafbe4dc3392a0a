// Lint rules for the whole workspace. Module boundaries follow the project tags:
// scope:* says which domain a project belongs to, type:* what kind of project it is.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'tmp/**', '.nx/**', 'reports/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (a default export only where a tool requires it).' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Apps only wire: they may use any library, never another app.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts', 'type:testing'] },
            // Domains stay apart: a domain's libraries see only themselves and the shared ones.
            // The gateway app is also the all-in-one host, so it composes every domain.
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:supervisor', onlyDependOnLibsWithTags: ['scope:supervisor', 'scope:shared'] },
            { sourceTag: 'scope:sandbox', onlyDependOnLibsWithTags: ['scope:sandbox', 'scope:shared'] },
            { sourceTag: 'scope:coding-agent', onlyDependOnLibsWithTags: ['scope:coding-agent', 'scope:sandbox', 'scope:shared'] },
            { sourceTag: 'scope:testing-agent', onlyDependOnLibsWithTags: ['scope:testing-agent', 'scope:sandbox', 'scope:shared'] },
            { sourceTag: 'scope:github-agent', onlyDependOnLibsWithTags: ['scope:github-agent', 'scope:sandbox', 'scope:shared'] },
            { sourceTag: 'scope:research-agent', onlyDependOnLibsWithTags: ['scope:research-agent', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'type:contracts'] },
          ],
        },
      ],
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
