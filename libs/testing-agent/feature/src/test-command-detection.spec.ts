import { detectValidationPlan, manifestsToRead, NoTestCommandError, REPORT_PATHS, type RepositoryFiles } from './test-command-detection';

/** A repository as detection sees it: every path, and the contents of the given root files. */
function repo(files: Record<string, string>, extraPaths: string[] = []): RepositoryFiles {
  const paths = [...Object.keys(files), ...extraPaths];
  return { paths, contents: new Map(manifestsToRead(paths).filter((p) => p in files).map((p) => [p, files[p]])) };
}
const pkg = (value: Record<string, unknown>) => JSON.stringify(value);

describe('detectValidationPlan', () => {
  it('runs a jest script through the lockfile’s package manager with the JSON reporter', () => {
    const plan = detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'jest --coverage' }, devDependencies: { jest: '^29' } }), 'package-lock.json': '{}' }));
    expect(plan.tests).toEqual({ framework: 'jest', command: `npm test -- --json --outputFile=${REPORT_PATHS.jest}`, format: 'jest-json', reportPath: REPORT_PATHS.jest });
    expect(plan.lint).toBeNull();
  });

  it('uses yarn or pnpm from the lockfile, and the packageManager field before it', () => {
    const files = { 'package.json': pkg({ scripts: { test: 'vitest' } }) };
    expect(detectValidationPlan(repo({ ...files, 'yarn.lock': '' })).tests.command).toBe(`yarn test --run --reporter=json --outputFile=${REPORT_PATHS.vitest}`);
    expect(detectValidationPlan(repo({ ...files, 'pnpm-lock.yaml': '' })).tests.command).toMatch(/^pnpm test --run --reporter=json/);
    expect(detectValidationPlan(repo({ 'package.json': pkg({ packageManager: 'pnpm@9.1.0', scripts: { test: 'mocha' } }), 'yarn.lock': '' })).tests).toEqual({
      framework: 'mocha',
      command: 'pnpm test --reporter json',
      format: 'mocha-json',
    });
  });

  it('runs a compound script as written, reading whatever it prints', () => {
    const plan = detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'tsc && jest' }, devDependencies: { jest: '^29' } }) }));
    expect(plan.tests).toEqual({ framework: 'jest', command: 'npm test', format: 'auto' });
  });

  it('puts the TAP reporter before node --test’s file arguments', () => {
    const plan = detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'node --test test/' } }) }));
    expect(plan.tests).toEqual({ framework: 'node:test', command: 'node --test-reporter=tap --test test/', format: 'tap' });
  });

  it('runs an installed runner directly when there is no test script (npm’s placeholder does not count)', () => {
    const placeholder = 'echo "Error: no test specified" && exit 1';
    const plan = detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: placeholder }, devDependencies: { jest: '^29' } }) }));
    expect(plan.tests.command).toBe(`npx --no-install jest --json --outputFile=${REPORT_PATHS.jest}`);
  });

  it('takes the lint script', () => {
    const plan = detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'jest', lint: 'eslint .' } }), 'yarn.lock': '' }));
    expect(plan.lint).toEqual({ framework: 'lint', command: 'yarn run lint', format: 'lint' });
  });

  it('runs pytest with a JUnit report outside the workspace and no cache files in it', () => {
    const plan = detectValidationPlan(repo({ 'pyproject.toml': '[tool.pytest.ini_options]\n[tool.ruff]\n', 'calc.py': '' }, ['tests/test_calc.py']));
    expect(plan.tests).toMatchObject({ framework: 'pytest', format: 'junit-xml', reportPath: REPORT_PATHS.pytest, env: { PYTHONDONTWRITEBYTECODE: '1' } });
    expect(plan.tests.command).toBe(`python3 -m pytest -p no:cacheprovider -o junit_family=xunit1 --junitxml=${REPORT_PATHS.pytest} -q`);
    expect(plan.lint?.command).toBe('ruff check .');
  });

  it('finds pytest from requirements and flake8 from setup.cfg', () => {
    const plan = detectValidationPlan(repo({ 'requirements-dev.txt': 'pytest==7.2\n', 'setup.cfg': '[flake8]\nmax-line-length = 100\n', 'app.py': '' }));
    expect(plan.tests.framework).toBe('pytest');
    expect(plan.lint?.command).toBe('python3 -m flake8');
  });

  it('runs go test -json, naming packages from the module path, and go vet', () => {
    const plan = detectValidationPlan(repo({ 'go.mod': 'module example.com/gop\n\ngo 1.19\n' }, ['calc/calc_test.go']));
    expect(plan.tests).toEqual({ framework: 'go', command: 'go test -json ./...', format: 'go-test-json', parseOptions: { goModulePath: 'example.com/gop' } });
    expect(plan.lint?.command).toBe('go vet ./...');
  });

  it('runs maven and reads Surefire’s reports, with the wrapper when the repository has one', () => {
    expect(detectValidationPlan(repo({ 'pom.xml': '<project/>' })).tests).toMatchObject({ command: 'mvn -q test', format: 'junit-xml', reportPath: REPORT_PATHS.maven });
    expect(detectValidationPlan(repo({ 'pom.xml': '<project/>' }, ['mvnw'])).tests.command).toBe('./mvnw -q test');
  });

  it('prefers a package.json with tests over Python helper scripts, and Python tests over a tooling-only package.json', () => {
    expect(detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'jest' } }) }, ['scripts/test_release.py'])).tests.framework).toBe('jest');
    expect(detectValidationPlan(repo({ 'package.json': pkg({ devDependencies: { prettier: '3' } }) }, ['tests/test_app.py'])).tests.framework).toBe('pytest');
  });

  it('lets repository settings override detection', () => {
    const plan = detectValidationPlan(repo({ 'package.json': pkg({ scripts: { test: 'jest', lint: 'eslint .' } }) }), { testCommand: ' make check ', lintCommand: 'npm run lint:ci' });
    expect(plan.tests).toEqual({ framework: 'custom', command: 'make check', format: 'auto' });
    expect(plan.lint).toEqual({ framework: 'lint', command: 'npm run lint:ci', format: 'lint' });
    expect(detectValidationPlan(repo({}), { testCommand: 'python -m pytest -x' }).tests.framework).toBe('pytest');
  });

  it('asks for a test command when it can find none', () => {
    expect(() => detectValidationPlan(repo({ 'README.md': '' }))).toThrow(NoTestCommandError);
    expect(() => detectValidationPlan(repo({ 'README.md': '' }))).toThrow(/Set the test command in the repository settings/);
    expect(() => detectValidationPlan(repo({ 'package.json': '{ not json' }))).toThrow(NoTestCommandError);
  });
});

describe('manifestsToRead', () => {
  it('asks only for root manifests', () => {
    expect(manifestsToRead(['package.json', 'pkg/package.json', 'requirements-dev.txt', 'src/app.py', 'go.mod'])).toEqual(['package.json', 'requirements-dev.txt', 'go.mod']);
  });
});
