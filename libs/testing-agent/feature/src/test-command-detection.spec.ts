import {
  detectValidationPlan,
  frameworkOfCommand,
  manifestsToRead,
  NoTestCommandError,
  REPORT_PATHS,
  reportPathFor,
  type RepositoryFiles,
} from './test-command-detection';
import type { PlannedStep } from './validation-plan';

/** A repository as detection sees it: every path, and the contents of the given root files. */
function repo(files: Record<string, string>, extraPaths: string[] = []): RepositoryFiles {
  const paths = [...Object.keys(files), ...extraPaths];
  return {
    paths,
    contents: new Map(
      manifestsToRead(paths)
        .filter((p) => p in files)
        .map((p) => [p, files[p]]),
    ),
  };
}
const pkg = (value: Record<string, unknown>) => JSON.stringify(value);
const LOCAL_BIN = 'PATH="$PWD/node_modules/.bin:$PATH"';
/** The steps as `role name: command`, the way a reader checks a plan. */
const outline = (steps: readonly PlannedStep[]) => steps.map((step) => `${step.role} ${step.name}: ${step.command}`);
const testsOf = (steps: readonly PlannedStep[]) => steps.filter((step) => step.role === 'tests');

describe('detectValidationPlan', () => {
  describe('a test script that is one runner command', () => {
    it('runs jest through the lockfile’s package manager with the JSON report and bail off', () => {
      const plan = detectValidationPlan(
        repo({
          'package.json': pkg({ scripts: { test: 'jest --coverage' }, devDependencies: { jest: '^29' } }),
          'package-lock.json': '{}',
        }),
      );
      expect(plan.steps).toEqual([
        {
          role: 'tests',
          name: 'test',
          framework: 'jest',
          command: `npm test -- --json --outputFile=${REPORT_PATHS.jest} --bail=0`,
          format: 'jest-json',
          reportPath: REPORT_PATHS.jest,
          written: 'jest --coverage',
        },
      ]);
      expect(plan.lintNote).toMatch(/No linter found/);
    });

    it('uses yarn or pnpm from the lockfile, and the packageManager field before it', () => {
      const files = { 'package.json': pkg({ scripts: { test: 'vitest' } }) };
      expect(detectValidationPlan(repo({ ...files, 'yarn.lock': '' })).steps[0].command).toBe(
        `yarn test --run --reporter=json --outputFile=${REPORT_PATHS.vitest}`,
      );
      expect(detectValidationPlan(repo({ ...files, 'pnpm-lock.yaml': '' })).steps[0].command).toMatch(
        /^pnpm test --run --reporter=json/,
      );
      expect(
        detectValidationPlan(
          repo({ 'package.json': pkg({ packageManager: 'pnpm@9.1.0', scripts: { test: 'mocha' } }), 'yarn.lock': '' }),
        ).steps[0],
      ).toMatchObject({
        framework: 'mocha',
        command: `pnpm test --reporter json --reporter-option output=${REPORT_PATHS.mocha} --no-bail`,
        format: 'mocha-json',
        reportPath: REPORT_PATHS.mocha,
      });
    });

    it('neutralises mocha’s --bail by a later --no-bail, so the baseline covers every test', () => {
      const [step] = detectValidationPlan(
        repo({ 'package.json': pkg({ scripts: { test: 'mocha --bail test/**/*.spec.js' } }) }),
      ).steps;
      expect(step.command).toBe(`npm test -- --reporter json --reporter-option output=${REPORT_PATHS.mocha} --no-bail`);
    });

    it('puts the TAP reporter before node --test’s file arguments, running node directly', () => {
      const plan = detectValidationPlan(
        repo({ 'package.json': pkg({ scripts: { test: 'node --test --test-reporter=spec test/' } }) }),
      );
      expect(plan.steps).toEqual([
        {
          role: 'tests',
          name: 'test',
          framework: 'node:test',
          command: 'node --test-reporter=tap --test test/',
          format: 'tap',
          written: 'node --test --test-reporter=spec test/',
        },
      ]);
    });

    it('runs uvu directly with --bail removed (a later --no-bail does not undo it) and ava, tap with their TAP reporters', () => {
      expect(
        detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'uvu tests -b' } }) })).steps[0],
      ).toMatchObject({ framework: 'uvu', command: `${LOCAL_BIN} uvu tests`, format: 'uvu' });
      expect(
        detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'ava --fail-fast' } }) })).steps[0],
      ).toMatchObject({ framework: 'ava', command: 'npm test -- --tap --no-fail-fast', format: 'tap' });
      expect(detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'tap' } }) })).steps[0]).toMatchObject({
        framework: 'tap',
        command: 'npm test -- --reporter=tap --no-bail',
        parseOptions: { tapFileSubtests: true },
        gitExcludes: ['.tap/'],
      });
    });

    it('runs an installed runner directly when there is no test script (npm’s placeholder does not count)', () => {
      const placeholder = 'echo "Error: no test specified" && exit 1';
      const plan = detectValidationPlan(
        repo({ 'package.json': pkg({ scripts: { test: placeholder }, devDependencies: { jest: '^29' } }) }),
      );
      expect(plan.steps[0].command).toBe(`npx --no-install jest --json --outputFile=${REPORT_PATHS.jest} --bail=0`);
    });
  });

  describe('a compound test script', () => {
    it('splits `pnpm lint && vitest run`: the linter becomes the lint check (run once), vitest gets its reporter', () => {
      const plan = detectValidationPlan(
        repo({
          'package.json': pkg({ scripts: { test: 'pnpm lint && vitest run', lint: 'eslint .' } }),
          'pnpm-lock.yaml': '',
        }),
      );
      expect(outline(plan.steps)).toEqual([
        `lint lint: ${LOCAL_BIN} eslint .`,
        `tests vitest run: ${LOCAL_BIN} vitest run --run --reporter=json --outputFile=${REPORT_PATHS.vitest}`,
      ]);
      expect(plan.lintNote).toBeNull();
    });

    it('runs pre and post scripts as checks around the tests, and keeps `tsc && jest` in order', () => {
      const plan = detectValidationPlan(
        repo({
          'package.json': pkg({ scripts: { pretest: 'tsc', test: 'mocha --bail', posttest: 'c8 check-coverage' } }),
        }),
      );
      expect(outline(plan.steps)).toEqual([
        `check pretest: ${LOCAL_BIN} tsc`,
        `tests test: ${LOCAL_BIN} mocha --bail --reporter json --reporter-option output=${REPORT_PATHS.mocha} --no-bail`,
        `check posttest: ${LOCAL_BIN} c8 check-coverage`,
      ]);
      expect(
        outline(detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'tsc -p . ; jest' } }) })).steps),
      ).toEqual([
        `check tsc -p .: ${LOCAL_BIN} tsc -p .`,
        `tests jest: ${LOCAL_BIN} jest --json --outputFile=${REPORT_PATHS.jest} --bail=0`,
      ]);
    });

    it('follows npm run / yarn references and simple run-s globs to the scripts they name', () => {
      const plan = detectValidationPlan(
        repo({
          'package.json': pkg({
            scripts: {
              test: 'run-s lint test:*',
              lint: 'eslint .',
              'test:unit': 'ava',
              'test:e2e': 'npm run e2e',
              e2e: 'mocha e2e',
            },
          }),
        }),
      );
      expect(outline(plan.steps)).toEqual([
        `lint lint: ${LOCAL_BIN} eslint .`,
        `tests test:unit: ${LOCAL_BIN} ava --tap --no-fail-fast`,
        `tests e2e: ${LOCAL_BIN} mocha e2e --reporter json --reporter-option output=${REPORT_PATHS.mocha} --no-bail`,
      ]);
    });

    it('gives two runs of one runner their own report files', () => {
      const steps = testsOf(
        detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'jest unit && jest e2e' } }) })).steps,
      );
      expect(steps.map((step) => step.reportPath)).toEqual([REPORT_PATHS.jest, reportPathFor('jest', 'json', 1)]);
      expect(reportPathFor('jest', 'json', 1)).toBe('/tmp/patchbay-jest-report-2.json');
    });

    it('takes the steps that are not known checks as the tests when no step is a known runner (read by counts)', () => {
      const plan = detectValidationPlan(
        repo({ 'package.json': pkg({ scripts: { test: 'tsc && node test/run.js' } }) }),
      );
      expect(outline(plan.steps)).toEqual([`check tsc: ${LOCAL_BIN} tsc`, 'tests node test/run.js: node test/run.js']);
      expect(plan.steps[1]).toMatchObject({ framework: 'custom', format: 'auto' });
    });

    it('runs a script it cannot split faithfully as written (a pipe, ||), naming the runner it mentions', () => {
      expect(
        detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'jest | tee out.txt' } }) })).steps,
      ).toEqual([
        { role: 'tests', name: 'test', framework: 'jest', command: 'npm test', format: 'auto', written: 'npm test' },
      ]);
      expect(
        detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'jest || true' } }) })).steps[0].command,
      ).toBe('npm test');
    });

    it('leaves Yarn Plug’n’Play projects whole: there is no node_modules/.bin to run a step with', () => {
      expect(
        outline(
          detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'eslint . && jest' } }) }, ['.pnp.cjs']))
            .steps,
        ),
      ).toEqual(['tests test: npm test']);
    });
  });

  describe('lint', () => {
    it('takes the lint script (auto)', () => {
      const plan = detectValidationPlan(
        repo({ 'package.json': pkg({ scripts: { test: 'jest', lint: 'eslint .' } }), 'yarn.lock': '' }),
      );
      expect(plan.steps[1]).toEqual({
        role: 'lint',
        name: 'lint',
        framework: 'lint',
        command: 'yarn run lint',
        format: 'auto',
        written: 'yarn run lint',
      });
    });

    it('finds ESLint from its config when eslint is installed, and not from the config alone', () => {
      const withEslint = detectValidationPlan(
        repo({
          'package.json': pkg({ scripts: { test: 'jest' }, devDependencies: { eslint: '^9' } }),
          'eslint.config.mjs': '',
        }),
      );
      expect(outline(withEslint.steps)[1]).toBe(`lint lint: ${LOCAL_BIN} eslint .`);
      const configOnly = detectValidationPlan(
        repo({ 'package.json': pkg({ scripts: { test: 'jest' } }), '.eslintrc.json': '{}' }),
      );
      expect(configOnly.steps.map((step) => step.role)).toEqual(['tests']);
    });

    it('does not run a linter twice when the test script already runs it', () => {
      const plan = detectValidationPlan(
        repo({
          'package.json': pkg({
            scripts: { test: 'eslint src && jest', lint: 'eslint . --fix' },
            devDependencies: { eslint: '9' },
          }),
        }),
      );
      expect(outline(plan.steps)).toEqual([
        `lint eslint src: ${LOCAL_BIN} eslint src`,
        `tests jest: ${LOCAL_BIN} jest --json --outputFile=${REPORT_PATHS.jest} --bail=0`,
      ]);
    });

    it('honours the lint mode: off runs none, command runs the repository’s command (once), and a command without a mode means command', () => {
      const files = repo({ 'package.json': pkg({ scripts: { test: 'jest', lint: 'eslint .' } }) });
      const off = detectValidationPlan(files, { lintMode: 'off', lintCommand: 'npm run lint' });
      expect(off.steps.map((step) => step.role)).toEqual(['tests']);
      expect(off.lintNote).toBe('Linting is off in the repository settings.');
      expect(
        detectValidationPlan(files, { lintMode: 'command', lintCommand: 'eslint --max-warnings 0 .' }).steps[1],
      ).toMatchObject({ role: 'lint', command: `${LOCAL_BIN} eslint --max-warnings 0 .` });
      expect(detectValidationPlan(files, { lintCommand: 'npm run lint:ci' }).steps[1]).toMatchObject({
        role: 'lint',
        command: 'npm run lint:ci',
      });
      expect(detectValidationPlan(files, { lintMode: 'command' }).lintNote).toMatch(/no lint command is set/);
      const inScript = detectValidationPlan(
        repo({ 'package.json': pkg({ scripts: { test: 'npm run lint && jest', lint: 'eslint .' } }) }),
        { lintMode: 'command', lintCommand: 'npm run lint' },
      );
      expect(inScript.steps.map((step) => `${step.role} ${step.name}`)).toEqual(['lint lint', 'tests jest']);
    });

    it('finds ruff and flake8 (from the project’s venv when there is one) and go vet', () => {
      const python = detectValidationPlan(
        repo({ 'pyproject.toml': '[tool.pytest.ini_options]\n[tool.ruff]\n', 'calc.py': '' }, ['tests/test_calc.py']),
      );
      expect(python.steps[1].command).toBe('PATH="$PWD/.venv/bin:$PATH" ruff check .');
      const flake8 = detectValidationPlan(
        repo({
          'requirements-dev.txt': 'pytest==7.2\n',
          'setup.cfg': '[flake8]\nmax-line-length = 100\n',
          'app.py': '',
        }),
      );
      expect(flake8.steps.map((step) => step.command)).toEqual([
        expect.stringContaining('python3 -m pytest'),
        'PATH="$PWD/.venv/bin:$PATH" python3 -m flake8',
      ]);
      expect(detectValidationPlan(repo({ 'go.mod': 'module example.com/gop\n' })).steps[1].command).toBe(
        'go vet ./...',
      );
    });
  });

  it('runs pytest with a JUnit report outside the workspace, no cache files in it, and no -x from addopts', () => {
    const plan = detectValidationPlan(
      repo({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-x"\n', 'calc.py': '' }, ['tests/test_calc.py']),
    );
    expect(plan.steps[0]).toMatchObject({
      framework: 'pytest',
      format: 'junit-xml',
      reportPath: REPORT_PATHS.pytest,
      env: { PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(plan.steps[0].command).toBe(
      `python3 -m pytest -q -p no:cacheprovider -o junit_family=xunit1 --junitxml=${REPORT_PATHS.pytest} --maxfail=0`,
    );
  });

  it('runs go test -json, naming packages from the module path', () => {
    const plan = detectValidationPlan(repo({ 'go.mod': 'module example.com/gop\n\ngo 1.19\n' }, ['calc/calc_test.go']));
    expect(plan.steps[0]).toMatchObject({
      framework: 'go',
      command: 'go test -json ./...',
      format: 'go-test-json',
      parseOptions: { goModulePath: 'example.com/gop' },
    });
  });

  it('runs maven with fail-at-end and gradle with --continue, reading their JUnit reports, with the wrappers when present', () => {
    expect(detectValidationPlan(repo({ 'pom.xml': '<project/>' })).steps[0]).toMatchObject({
      command: 'mvn -q test -fae',
      format: 'junit-xml',
      reportPath: expect.stringContaining('target/surefire-reports/TEST-*.xml'),
    });
    expect(detectValidationPlan(repo({ 'pom.xml': '<project/>' }, ['mvnw'])).steps[0].command).toBe(
      './mvnw -q test -fae',
    );
    expect(detectValidationPlan(repo({}, ['build.gradle.kts', 'gradlew'])).steps[0]).toMatchObject({
      framework: 'gradle',
      command: './gradlew test --continue',
      reportPath: expect.stringContaining('build/test-results/test/TEST-*.xml'),
    });
  });

  it('prefers a package.json with tests over Python helper scripts, and Python tests over a tooling-only package.json', () => {
    expect(
      detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'jest' } }) }, ['scripts/test_release.py']))
        .steps[0].framework,
    ).toBe('jest');
    expect(
      detectValidationPlan(repo({ 'package.json': pkg({ devDependencies: { prettier: '3' } }) }, ['tests/test_app.py']))
        .steps[0].framework,
    ).toBe('pytest');
  });

  it('lets the repository’s test command override detection, still giving known runners their reporters', () => {
    const files = repo({ 'package.json': pkg({ scripts: { test: 'jest', lint: 'eslint .' } }) });
    expect(detectValidationPlan(files, { testCommand: ' make check ', lintMode: 'off' }).steps).toEqual([
      {
        role: 'tests',
        name: 'make check',
        framework: 'custom',
        command: 'make check',
        format: 'auto',
        written: 'make check',
      },
    ]);
    expect(
      detectValidationPlan(repo({}), { testCommand: 'python -m unittest discover -s tests --failfast' }).steps[0],
    ).toMatchObject({ framework: 'unittest', command: 'python -m unittest discover -s tests -v', format: 'unittest' });
    expect(detectValidationPlan(repo({}), { testCommand: 'go test -failfast ./pkg/...' }).steps[0].command).toBe(
      'go test -json ./pkg/...',
    );
    expect(
      outline(detectValidationPlan(files, { testCommand: 'npm run lint && npm test', lintMode: 'off' }).steps),
    ).toEqual([
      `check lint: ${LOCAL_BIN} eslint .`,
      `tests test: ${LOCAL_BIN} jest --json --outputFile=${REPORT_PATHS.jest} --bail=0`,
    ]);
  });

  it('asks for a test command when it can find none', () => {
    expect(() => detectValidationPlan(repo({ 'README.md': '' }))).toThrow(NoTestCommandError);
    expect(() => detectValidationPlan(repo({ 'README.md': '' }))).toThrow(
      /Set the test command in the repository settings/,
    );
    expect(() => detectValidationPlan(repo({ 'package.json': '{ not json' }))).toThrow(NoTestCommandError);
  });
});

describe('frameworkOfCommand', () => {
  it('names the runner of the first runner step, also behind wrappers and in commands that cannot be split', () => {
    expect(frameworkOfCommand('tsc && NODE_ENV=test nyc mocha')).toBe('mocha');
    expect(frameworkOfCommand('python3 -m pytest tests | tee log')).toBe('pytest');
    expect(frameworkOfCommand('make test')).toBeUndefined();
  });
});

describe('manifestsToRead', () => {
  it('asks only for root manifests', () => {
    expect(
      manifestsToRead(['package.json', 'pkg/package.json', 'requirements-dev.txt', 'src/app.py', 'go.mod']),
    ).toEqual(['package.json', 'requirements-dev.txt', 'go.mod']);
  });
});
