import { configurationReport } from './configuration-report';
import { resolveEffectiveRepoConfig } from './effective-repo-config';
import { PatchbayConfigError, type PatchbayConfigProblem } from './patchbay-config.error';
import { parsePatchbayConfig } from './parse-patchbay-config';
import { nameRequiredChecks } from './required-check-names';

function problemsOf(text: string): PatchbayConfigProblem[] {
  try {
    parsePatchbayConfig(text);
  } catch (error) {
    if (error instanceof PatchbayConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('required checks in .patchbay.yml', () => {
  it('reads named checks from a mapping, in file order', () => {
    expect(parsePatchbayConfig('checks:\n  typecheck: npx tsc --noEmit\n  build: npm run build\n')).toEqual({
      checks: [
        { name: 'typecheck', command: 'npx tsc --noEmit' },
        { name: 'build', command: 'npm run build' },
      ],
    });
  });

  it('reads named checks from a list of {name, run}', () => {
    expect(parsePatchbayConfig('checks:\n  - name: typecheck\n    run: npx tsc --noEmit\n')).toEqual({
      checks: [{ name: 'typecheck', command: 'npx tsc --noEmit' }],
    });
  });

  it('refuses a repeated name, a bad name, an empty command and both keys at once, naming the line', () => {
    expect(problemsOf('checks:\n  - name: a\n    run: x\n  - name: a\n    run: y\n')).toEqual([
      { kind: 'schema', path: 'checks', rule: 'must not repeat a check name', line: 2, column: 3 },
    ]);
    expect(problemsOf('checks:\n  "type check": tsc\n')[0]).toMatchObject({
      path: 'checks.type check',
      rule: expect.stringContaining('is not a check name'),
      line: 2,
    });
    expect(problemsOf('checks:\n  build: ""\n')[0]).toMatchObject({
      path: 'checks.build',
      rule: 'must not be an empty command',
    });
    expect(problemsOf('check: [tsc]\nchecks:\n  build: npm run build\n')[0]).toMatchObject({
      path: 'checks',
      rule: 'set either "check" (a list of commands) or "checks" (named commands), not both',
      line: 3,
    });
    expect(problemsOf('checks: npm test\n')[0]).toMatchObject({
      path: 'checks',
      rule: 'must be a mapping of check names to commands (typecheck: npx tsc --noEmit) or a list of {name, run}',
    });
  });

  it('names the older check list after what each command runs', () => {
    expect(
      nameRequiredChecks([
        'npx tsc --noEmit',
        'npm run build',
        'pnpm lint:types',
        'CI=1 yarn run test',
        './scripts/check.sh --fast',
        'npx --yes tsc -p other',
        '--',
      ]),
    ).toEqual([
      { name: 'tsc', command: 'npx tsc --noEmit' },
      { name: 'build', command: 'npm run build' },
      { name: 'lint-types', command: 'pnpm lint:types' },
      { name: 'test', command: 'CI=1 yarn run test' },
      { name: 'check.sh', command: './scripts/check.sh --fast' },
      { name: 'tsc-2', command: 'npx --yes tsc -p other' },
      { name: 'check-7', command: '--' },
    ]);
  });

  it('lays the settings over the file: a stored list wins, null lets the file through', () => {
    const file = { path: '.patchbay.yml', config: parsePatchbayConfig('check:\n  - npx tsc --noEmit\n') };
    expect(resolveEffectiveRepoConfig(file, { requiredChecks: null })).toMatchObject({
      config: { check: [{ name: 'tsc', command: 'npx tsc --noEmit' }] },
      provenance: { check: 'file' },
    });
    const stored = resolveEffectiveRepoConfig(file, { requiredChecks: [{ name: 'build', command: 'npm run build' }] });
    expect(stored).toMatchObject({
      config: { check: [{ name: 'build', command: 'npm run build' }] },
      provenance: { check: 'settings' },
    });
    expect(resolveEffectiveRepoConfig(file, { requiredChecks: [] }).config.check).toEqual([]);
    expect(configurationReport(stored, null, []).settings.find((setting) => setting.field === 'check')).toEqual({
      field: 'check',
      value: 'build: npm run build',
      source: 'settings',
    });
  });
});
