import { commandSteps, scriptSteps } from './package-scripts';

describe('scriptSteps', () => {
  it('puts pre and post scripts around the script, each step named by the script it is', () => {
    expect(scriptSteps('test', { pretest: 'tsc', test: 'jest', posttest: 'rimraf tmp' }, 'npm')).toEqual([
      { command: 'tsc', script: 'pretest' },
      { command: 'jest', script: 'test' },
      { command: 'rimraf tmp', script: 'posttest' },
    ]);
  });

  it('follows npm, pnpm and yarn script references, with their own pre scripts, and stops at cycles', () => {
    const scripts = {
      test: 'npm run lint && pnpm unit && yarn run types',
      lint: 'eslint .',
      prelint: 'echo linting',
      unit: 'vitest run',
      types: 'yarn types',
    };
    expect(scriptSteps('test', scripts, 'npm')).toEqual([
      { command: 'echo linting', script: 'prelint' },
      { command: 'eslint .', script: 'lint' },
      { command: 'vitest run', script: 'unit' },
      { command: 'yarn types', script: 'types' },
    ]);
  });

  it('hands arguments to a referenced script that is one command, and keeps the reference whole otherwise', () => {
    expect(scriptSteps('test', { test: 'npm run unit -- --coverage', unit: 'jest' }, 'npm')).toEqual([
      { command: 'jest --coverage' },
    ]);
    expect(scriptSteps('test', { test: 'yarn unit --watch=false && mocha', unit: 'tsc && jest' }, 'yarn')).toEqual([
      { command: 'yarn unit --watch=false', script: 'unit' },
      { command: 'mocha' },
    ]);
  });

  it('keeps a script it cannot split whole (a reference as written, a hook through the package manager), and skips a missing --if-present script', () => {
    expect(scriptSteps('test', { test: 'npm run build && jest', build: 'tsc | tee log' }, 'pnpm')).toEqual([
      { command: 'npm run build', script: 'build' },
      { command: 'jest' },
    ]);
    expect(scriptSteps('test', { pretest: 'rm -rf out || true', test: 'jest' }, 'pnpm')).toEqual([
      { command: 'pnpm run pretest', script: 'pretest' },
      { command: 'jest', script: 'test' },
    ]);
    expect(scriptSteps('test', { test: 'npm run --if-present lint && jest' }, 'npm')).toEqual([{ command: 'jest' }]);
    expect(scriptSteps('test', { test: 'jest | tee log' }, 'npm')).toBeNull();
  });

  it('expands simple run-s / npm-run-all globs in script order, and keeps calls with other options whole', () => {
    const scripts = {
      test: 'run-s -l lint "test:*"',
      lint: 'eslint .',
      'test:unit': 'ava',
      'test:e2e:slow': 'mocha e2e',
      'test:types': 'tsd',
    };
    expect(scriptSteps('test', scripts, 'npm')?.map((step) => step.script)).toEqual([
      'lint',
      'test:unit',
      'test:types',
    ]);
    expect(scriptSteps('test', { ...scripts, test: 'npm-run-all test:**' }, 'npm')?.map((step) => step.script)).toEqual(
      ['test:unit', 'test:e2e:slow', 'test:types'],
    );
    expect(scriptSteps('test', { ...scripts, test: 'run-p --race lint test:unit' }, 'npm')).toEqual([
      { command: 'run-p --race lint test:unit', script: 'test' },
    ]);
  });
});

describe('commandSteps', () => {
  it('resolves a settings command that names scripts', () => {
    expect(commandSteps('npm test', { pretest: 'eslint .', test: 'jest' }, 'npm')).toEqual([
      { command: 'eslint .', script: 'pretest' },
      { command: 'jest', script: 'test' },
    ]);
    expect(commandSteps('make test', {}, 'npm')).toEqual([{ command: 'make test' }]);
  });
});
