import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PatchbayConfigError, type PatchbayConfigProblem } from './patchbay-config.error';
import { loadPatchbayConfig, MAX_PATCHBAY_CONFIG_BYTES, parsePatchbayConfig } from './parse-patchbay-config';

function problemsOf(text: string, file?: string): PatchbayConfigProblem[] {
  try {
    parsePatchbayConfig(text, file);
  } catch (error) {
    if (error instanceof PatchbayConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

function messageOf(text: string, file?: string): string {
  try {
    parsePatchbayConfig(text, file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

describe('parsePatchbayConfig', () => {
  it('parses the documented example into lists of commands', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/repository-config.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();

    expect(parsePatchbayConfig(example ?? '')).toEqual({
      version: 1,
      setup: ['npm ci', 'npm run codegen'],
      test: ['npx jest --ci'],
      lint: ['npx eslint . --max-warnings=0'],
      checks: [{ name: 'typecheck', command: 'npx tsc --noEmit' }],
      env: ['DATABASE_URL', 'NODE_OPTIONS'],
      exclude: ['dist/', '**/*.min.js', 'fixtures/large/**'],
      network: 'registries',
      plan: { requireTargetTests: true, maxFilesChanged: 15, avoid: ['migrations/**', 'CHANGELOG.md'] },
      dependencies: { blockSeverity: 'high', deniedLicenses: ['AGPL-3.0-only', 'SSPL-1.0'] },
    });
  });

  it('leaves keys the file does not set absent, so the merge can tell "unset" from a value', () => {
    expect(parsePatchbayConfig('test: npm test\n')).toEqual({ test: ['npm test'] });
    expect(parsePatchbayConfig('plan:\n  maxFilesChanged: 3\n')).toEqual({ plan: { maxFilesChanged: 3 } });
  });

  it.each([
    ['an empty file', ''],
    ['a file with only comments', '# nothing configured yet\n'],
    ['an explicit empty document', '---\n'],
  ])('treats %s as setting nothing', (_label, text) => {
    expect(parsePatchbayConfig(text)).toEqual({});
  });

  it('accepts an empty check list (no further checks) but not an empty test list (ambiguous)', () => {
    expect(parsePatchbayConfig('check: []\n')).toEqual({ check: [] });
    expect(problemsOf('test: []\n')).toEqual([
      {
        kind: 'schema',
        path: 'test',
        rule: 'must list at least one command (or leave the key out)',
        line: 1,
        column: 7,
      },
    ]);
  });

  describe('malformed YAML', () => {
    it('names the file, line and column', () => {
      const problems = problemsOf(
        'test: npm test\nexclude: [dist, build\nnetwork: none\n',
        'services/api/.patchbay.yml',
      );

      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ kind: 'syntax', path: '', line: 3, column: 1 });
      expect(messageOf('test: npm test\nexclude: [dist, build\nnetwork: none\n', 'services/api/.patchbay.yml')).toMatch(
        /^services\/api\/\.patchbay\.yml is not valid:\n {2}- services\/api\/\.patchbay\.yml:3:1: /,
      );
    });

    it('names a repeated key and where it repeats', () => {
      expect(problemsOf('test: npm test\nlint: eslint .\ntest: jest\n')).toEqual([
        { kind: 'syntax', path: '', rule: 'duplicate key "test" (each key may appear once)', line: 3, column: 1 },
      ]);
    });

    it('refuses several YAML documents in one file', () => {
      const [problem] = problemsOf('test: a\n---\ntest: b\n');
      expect(problem).toMatchObject({ kind: 'syntax', line: 2 });
      expect(problem.rule).toMatch(/document/i);
    });

    it('reports an alias to an anchor that does not exist', () => {
      expect(problemsOf('test: *missing\n')).toEqual([
        { kind: 'syntax', path: '', rule: expect.stringMatching(/Unresolved alias.*missing/) },
      ]);
    });

    it('stops an alias bomb instead of expanding it', () => {
      const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (let level = 1; level < 8; level += 1) {
        const previous = String.fromCharCode(96 + level);
        const name = String.fromCharCode(97 + level);
        levels.push(`${name}: &${name} [${new Array(10).fill(`*${previous}`).join(', ')}]`);
      }
      const [problem] = problemsOf(`${levels.join('\n')}\n`);
      expect(problem.kind).toBe('syntax');
      expect(problem.rule).toMatch(/alias/i);
    });

    it('refuses a file over the size limit before parsing it', () => {
      const [problem] = problemsOf(`# ${'x'.repeat(MAX_PATCHBAY_CONFIG_BYTES)}\n`);
      expect(problem.rule).toBe(`is ${MAX_PATCHBAY_CONFIG_BYTES + 3} bytes; the limit is ${MAX_PATCHBAY_CONFIG_BYTES}`);
    });
  });

  describe('schema violations', () => {
    it('rejects unknown keys by name, with a suggestion for a near miss and the position of the key', () => {
      expect(problemsOf('tset: npm test\nplan:\n  avodi: [dist]\n  budget: 3\nfoo: 1\n')).toEqual([
        { kind: 'schema', path: 'tset', rule: 'unknown key "tset"; did you mean "test"?', line: 1, column: 1 },
        { kind: 'schema', path: 'plan.avodi', rule: 'unknown key "avodi"; did you mean "avoid"?', line: 3, column: 3 },
        {
          kind: 'schema',
          path: 'plan.budget',
          rule: 'unknown key "budget"; allowed keys: requireTargetTests, maxFilesChanged, avoid',
          line: 4,
          column: 3,
        },
        {
          kind: 'schema',
          path: 'foo',
          rule: 'unknown key "foo"; allowed keys: version, setup, test, lint, check, checks, env, exclude, network, plan, dependencies',
          line: 5,
          column: 1,
        },
      ]);
    });

    it('gives the field path, the rule and the position of each bad value', () => {
      const text = [
        'test:',
        '  - npm test',
        '  - 42',
        'network: everything',
        'plan:',
        '  maxFilesChanged: 0',
        '  requireTargetTests: "yes"',
        'version: 2',
        '',
      ].join('\n');

      expect(problemsOf(text)).toEqual([
        { kind: 'schema', path: 'test.1', rule: 'must be a command (a string)', line: 3, column: 5 },
        { kind: 'schema', path: 'network', rule: 'must be one of "none", "registries"', line: 4, column: 10 },
        { kind: 'schema', path: 'plan.maxFilesChanged', rule: 'must be at least 1', line: 6, column: 20 },
        { kind: 'schema', path: 'plan.requireTargetTests', rule: 'must be true or false', line: 7, column: 23 },
        { kind: 'schema', path: 'version', rule: 'must be 1 (the only version of this file)', line: 8, column: 10 },
      ]);
    });

    it('formats every problem as file:line:column: field: rule', () => {
      expect(messageOf('plan:\n  maxFilesChanged: 2.5\n')).toBe(
        '.patchbay.yml is not valid:\n  - .patchbay.yml:2:20: plan.maxFilesChanged: must be a whole number',
      );
    });

    it('says what a command field takes when it gets something else', () => {
      expect(problemsOf('setup: {run: npm ci}\n')).toEqual([
        {
          kind: 'schema',
          path: 'setup',
          rule: 'must be a command string or a list of command strings',
          line: 1,
          column: 8,
        },
      ]);
    });

    it('refuses multi-line commands and blank ones', () => {
      expect(
        problemsOf('test: |\n  npm ci\n  npm test\nlint: "  "\n').map((problem) => [problem.path, problem.rule]),
      ).toEqual([
        ['test', 'must be one line; list several commands as a YAML list instead'],
        ['lint', 'must not be an empty command'],
      ]);
    });

    it('refuses environment values: the file lists names only', () => {
      expect(problemsOf('env:\n  DATABASE_URL: postgres://user:secret@db/app\n')).toEqual([
        {
          kind: 'schema',
          path: 'env',
          rule: 'lists variable names only, e.g. [DATABASE_URL]; set values in the repository settings, since a committed file must not carry them',
          line: 2,
          column: 3,
        },
      ]);
    });

    it('checks variable names and refuses repeats', () => {
      expect(problemsOf('env: [NODE_ENV, 1PASSWORD, "A-B"]\n').map((problem) => [problem.path, problem.rule])).toEqual([
        ['env.1', '"1PASSWORD" is not a variable name (letters, digits and "_", not starting with a digit)'],
        ['env.2', '"A-B" is not a variable name (letters, digits and "_", not starting with a digit)'],
      ]);
      expect(problemsOf('env: [CI, CI]\n').map((problem) => problem.rule)).toEqual(['must not repeat a name']);
    });

    it('checks path patterns in exclude and plan.avoid', () => {
      expect(
        problemsOf('exclude: [../secrets, /etc, "!keep.ts", "src/a**"]\nplan:\n  avoid: ["a\\\\b"]\n').map(
          (problem) => [problem.path, problem.rule],
        ),
      ).toEqual([
        ['exclude.0', '"../secrets": must stay inside the repository (no ".." segment)'],
        ['exclude.1', '"/etc": must be relative to the repository root (no leading "/")'],
        ['exclude.2', '"!keep.ts": negated patterns ("!…") are not supported; list only what to exclude'],
        ['exclude.3', '"src/a**": "**" must be a whole path segment, e.g. "src/**" or "**/*.snap"'],
        ['plan.avoid.0', '"a\\\\b": must use "/" as the path separator'],
      ]);
    });

    it.each([
      ['a list', '- npm test\n'],
      ['a scalar', 'npm test\n'],
    ])('refuses %s at the top level', (_label, text) => {
      expect(problemsOf(text)).toEqual([
        { kind: 'schema', path: '', rule: 'must be a mapping of settings (e.g. "test: npm test")', line: 1, column: 1 },
      ]);
    });
  });
});

describe('loadPatchbayConfig', () => {
  it('resolves to null when the repository has no .patchbay.yml', async () => {
    const read = jest.fn(async (): Promise<string | null> => null);
    await expect(loadPatchbayConfig(read)).resolves.toBeNull();
    expect(read).toHaveBeenCalledWith('.patchbay.yml');
  });

  it('returns the parsed file with its path, and names that path in errors', async () => {
    await expect(loadPatchbayConfig(async () => 'test: make test\n')).resolves.toEqual({
      path: '.patchbay.yml',
      config: { test: ['make test'] },
    });
    await expect(loadPatchbayConfig(async () => 'tests: make test\n', 'config/.patchbay.yml')).rejects.toThrow(
      'config/.patchbay.yml:1:1: tests: unknown key "tests"; did you mean "test"?',
    );
  });
});
