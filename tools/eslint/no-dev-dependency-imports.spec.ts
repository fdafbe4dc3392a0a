import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { packageNameOf, rule } from './no-dev-dependency-imports';

const directory = mkdtempSync(path.join(os.tmpdir(), 'no-dev-dependency-imports-'));
const packageJson = path.join(directory, 'package.json');
writeFileSync(
  packageJson,
  JSON.stringify({
    dependencies: { zod: '^4', '@nestjs/core': '^11', '@nestjs/platform-express': '^11' },
    devDependencies: { typescript: '^5', '@testing-library/react': '^16' },
  }),
);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const options = [
  { packageJson, workspacePrefixes: ['@patchbay/'], providedBy: { express: '@nestjs/platform-express' } },
];
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});

describe('patchbay/no-dev-dependency-imports', () => {
  tester.run('no-dev-dependency-imports', rule, {
    valid: [
      { code: "import { z } from 'zod';", options },
      { code: "import { NestFactory } from '@nestjs/core/nest-factory';", options },
      { code: "import { readFileSync } from 'node:fs'; import path from 'path';", options },
      { code: "import { loadConfig } from '@patchbay/config'; import { local } from './local';", options },
      // Erased by tsc: the running service never loads these.
      { code: "import type ts from 'typescript'; export type { Node } from 'typescript';", options },
      { code: "import { type Node, type SourceFile } from 'typescript';", options },
      // Installed by the declared Nest adapter, at the version it is built for.
      { code: "import express from 'express';", options },
    ],
    invalid: [
      {
        code: "import ts from 'typescript';",
        options,
        errors: [{ messageId: 'devDependency', data: { name: 'typescript' } }],
      },
      {
        code: "import { render } from '@testing-library/react/pure';",
        options,
        errors: [{ messageId: 'devDependency', data: { name: '@testing-library/react' } }],
      },
      { code: "const ts = require('typescript');", options, errors: [{ messageId: 'devDependency' }] },
      { code: "const where = require.resolve('typescript');", options, errors: [{ messageId: 'devDependency' }] },
      {
        code: "export async function load() { return import('typescript'); }",
        options,
        errors: [{ messageId: 'devDependency' }],
      },
      { code: "export * from 'typescript';", options, errors: [{ messageId: 'devDependency' }] },
      { code: "import ts = require('typescript');", options, errors: [{ messageId: 'devDependency' }] },
      // A value import beside type imports still loads the package.
      {
        code: "import { type Node, createSourceFile } from 'typescript';",
        options,
        errors: [{ messageId: 'devDependency' }],
      },
      {
        code: "import lodash from 'lodash';",
        options,
        errors: [{ messageId: 'undeclared', data: { name: 'lodash' } }],
      },
    ],
  });

  it('names the package of a deep or scoped import', () => {
    expect(
      ['zod', 'zod/v4', '@aws-sdk/client-kms', '@aws-sdk/client-kms/dist', './local', '../up', '/abs', 'node:fs'].map(
        packageNameOf,
      ),
    ).toEqual(['zod', 'zod', '@aws-sdk/client-kms', '@aws-sdk/client-kms', null, null, null, null]);
  });
});
