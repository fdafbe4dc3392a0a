import type { PlannedCommand, ValidationPlan } from './validation-plan';

/** What detection looks at: the repository's paths and the contents of its root manifests. */
export interface RepositoryFiles {
  /** Repository-relative paths from a recursive listing (dependency folders left out). */
  paths: readonly string[];
  /** Contents of the root files {@link manifestsToRead} asked for that exist. */
  contents: ReadonlyMap<string, string>;
}

export interface CommandOverrides {
  testCommand?: string | null;
  lintCommand?: string | null;
}

export class NoTestCommandError extends Error {
  constructor() {
    super(
      'No test command found: no package.json test script or test runner dependency, no pytest tests, no go.mod and no pom.xml ' +
        'at the repository root. Set the test command in the repository settings.',
    );
    this.name = 'NoTestCommandError';
  }
}

const ROOT_MANIFESTS = ['package.json', 'pyproject.toml', 'setup.cfg', 'setup.py', 'tox.ini', 'pytest.ini', '.flake8', 'ruff.toml', '.ruff.toml', 'go.mod', 'pom.xml'];

/** Report files live in /tmp: outside /workspace, so a report never becomes part of the diff. */
export const REPORT_PATHS = {
  jest: '/tmp/patchbay-jest-report.json',
  vitest: '/tmp/patchbay-vitest-report.json',
  pytest: '/tmp/patchbay-pytest-report.xml',
  maven: 'target/surefire-reports/TEST-*.xml */target/surefire-reports/TEST-*.xml',
} as const;

/** The root files whose contents detection needs, among those the listing found. */
export function manifestsToRead(paths: readonly string[]): string[] {
  return paths.filter((path) => ROOT_MANIFESTS.includes(path) || /^requirements[\w.-]*\.txt$/.test(path));
}

/**
 * Picks the commands that test and lint the repository. Settings win; otherwise the first
 * ecosystem with a test signal: a package.json test script or runner dependency, then go.mod,
 * then pom.xml, then pytest (Python files turn up as helper scripts in many repositories, so they
 * are the weakest signal). Reporters are machine-readable wherever the runner has one.
 */
export function detectValidationPlan(files: RepositoryFiles, overrides: CommandOverrides = {}): ValidationPlan {
  const tests = overrides.testCommand?.trim() ? customCommand(overrides.testCommand.trim()) : detectTests(files);
  if (!tests) throw new NoTestCommandError();
  const lint = overrides.lintCommand?.trim()
    ? { framework: 'lint', command: overrides.lintCommand.trim(), format: 'lint' as const }
    : detectLint(files);
  return { tests, lint };
}

function detectTests(files: RepositoryFiles): PlannedCommand | null {
  return detectNodeTests(files) ?? detectGoTests(files) ?? detectMavenTests(files) ?? detectPytest(files);
}

function customCommand(command: string): PlannedCommand {
  return { framework: frameworkOfCommand(command) ?? 'custom', command, format: 'auto' };
}

// ---------------------------------------------------------------- Node

type PackageManager = 'npm' | 'yarn' | 'pnpm';

interface PackageJson {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  packageManager?: string;
}

const NPM_PLACEHOLDER_TEST = 'no test specified';

function detectNodeTests(files: RepositoryFiles): PlannedCommand | null {
  const pkg = readPackageJson(files);
  if (!pkg) return null;
  const manager = packageManager(pkg, files.paths);
  const script = pkg.scripts.test && !pkg.scripts.test.includes(NPM_PLACEHOLDER_TEST) ? pkg.scripts.test.trim() : undefined;
  const framework = (script ? frameworkOfCommand(script) : undefined) ?? frameworkOfDependencies(pkg.dependencies);
  if (script) {
    const simple = isSimpleCommand(script);
    if (framework === 'node:test') {
      // Appending after node's positional arguments would hand the flag to the test files, so a
      // plain `node --test …` script is run directly with the reporter placed before them.
      if (simple && /^node\s/.test(script)) return { framework, command: `node --test-reporter=tap ${script.slice('node'.length).trim()}`, format: 'tap' };
      // Node 18–22 report TAP when stdout is not a terminal, as in the sandbox.
      return { framework, command: runScript(manager, []), format: 'tap' };
    }
    if (framework && simple && framework in REPORTER_ARGUMENTS) {
      return withReporter(framework as ReporterFramework, runScript(manager, REPORTER_ARGUMENTS[framework as ReporterFramework]));
    }
    return { framework: framework ?? 'custom', command: runScript(manager, []), format: 'auto' };
  }
  if (framework && framework in REPORTER_ARGUMENTS) {
    const reporter = framework as ReporterFramework;
    return withReporter(reporter, [execBinary(manager), reporter, ...REPORTER_ARGUMENTS[reporter]].join(' '));
  }
  return null;
}

type ReporterFramework = 'jest' | 'vitest' | 'mocha';

const REPORTER_ARGUMENTS: Record<ReporterFramework, string[]> = {
  jest: ['--json', `--outputFile=${REPORT_PATHS.jest}`],
  vitest: ['--run', '--reporter=json', `--outputFile=${REPORT_PATHS.vitest}`],
  // Mocha's json reporter writes to stdout; the report is the trailing JSON object there.
  mocha: ['--reporter', 'json'],
};

function withReporter(framework: ReporterFramework, command: string): PlannedCommand {
  switch (framework) {
    case 'jest':
      return { framework, command, format: 'jest-json', reportPath: REPORT_PATHS.jest };
    case 'vitest':
      return { framework, command, format: 'vitest-json', reportPath: REPORT_PATHS.vitest };
    case 'mocha':
      return { framework, command, format: 'mocha-json' };
  }
}

function readPackageJson(files: RepositoryFiles): PackageJson | null {
  const text = files.contents.get('package.json');
  if (text === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  return {
    scripts: stringRecord(record.scripts),
    dependencies: { ...stringRecord(record.dependencies), ...stringRecord(record.devDependencies) },
    packageManager: typeof record.packageManager === 'string' ? record.packageManager : undefined,
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The `packageManager` field (Corepack) first, then the lockfile; npm when there is neither. */
function packageManager(pkg: PackageJson, paths: readonly string[]): PackageManager {
  const declared = pkg.packageManager?.split('@')[0];
  if (declared === 'npm' || declared === 'yarn' || declared === 'pnpm') return declared;
  if (paths.includes('pnpm-lock.yaml')) return 'pnpm';
  if (paths.includes('yarn.lock')) return 'yarn';
  return 'npm';
}

function runScript(manager: PackageManager, args: string[]): string {
  if (args.length === 0) return `${manager} test`;
  // npm needs `--` before arguments meant for the script; yarn and pnpm pass them on as they are.
  return manager === 'npm' ? `npm test -- ${args.join(' ')}` : `${manager} test ${args.join(' ')}`;
}

function execBinary(manager: PackageManager): string {
  // --no-install: the sandbox has no network, and a runner that is not installed is a setup
  // problem to report, not something to fetch.
  return manager === 'npm' ? 'npx --no-install' : manager === 'pnpm' ? 'pnpm exec' : 'yarn';
}

function frameworkOfDependencies(dependencies: Record<string, string>): string | undefined {
  for (const name of ['jest', 'vitest', 'mocha'] as const) if (name in dependencies) return name;
  return undefined;
}

/**
 * One command with no shell operators: arguments appended at its end reach the runner. A script
 * such as `jest && eslint .` would hand them to eslint instead, so it runs as written.
 */
export function isSimpleCommand(command: string): boolean {
  return !/[;&|<>`$()\n]/.test(command);
}

/** The test runner a command invokes, from its words. */
export function frameworkOfCommand(command: string): string | undefined {
  const words = command.split(/\s+/).map((word) => word.split('/').pop() ?? word);
  if (words.includes('jest')) return 'jest';
  if (words.includes('vitest')) return 'vitest';
  if (words.includes('mocha')) return 'mocha';
  if (words.includes('node') && words.includes('--test')) return 'node:test';
  if (words.includes('pytest') || command.includes('-m pytest')) return 'pytest';
  if (words.includes('go') && words.includes('test')) return 'go';
  if (words.includes('mvn') || words.includes('mvnw')) return 'maven';
  return undefined;
}

// ---------------------------------------------------------------- Go, Maven, Python

function detectGoTests(files: RepositoryFiles): PlannedCommand | null {
  const goMod = files.contents.get('go.mod');
  if (goMod === undefined) return null;
  const modulePath = goMod
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('module '))
    ?.slice('module '.length)
    .trim()
    .replace(/^"|"$/g, '');
  return { framework: 'go', command: 'go test -json ./...', format: 'go-test-json', parseOptions: modulePath ? { goModulePath: modulePath } : undefined };
}

function detectMavenTests(files: RepositoryFiles): PlannedCommand | null {
  if (!files.contents.has('pom.xml')) return null;
  const command = files.paths.includes('mvnw') ? './mvnw -q test' : 'mvn -q test';
  return { framework: 'maven', command, format: 'junit-xml', reportPath: REPORT_PATHS.maven, parseOptions: { junitFlavour: 'generic' } };
}

function detectPytest(files: RepositoryFiles): PlannedCommand | null {
  const mentionsPytest = [...files.contents.entries()].some(([path, text]) => path !== 'package.json' && text.includes('pytest'));
  const hasTestFiles = files.paths.some((path) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(path) || /(^|\/)conftest\.py$/.test(path));
  if (!hasTestFiles && !(mentionsPytest && files.paths.some((path) => path.endsWith('.py')))) return null;
  return {
    framework: 'pytest',
    // xunit1 adds each test's file to the report; no cache provider and no bytecode keep
    // .pytest_cache and __pycache__ out of the task's diff.
    command: `python3 -m pytest -p no:cacheprovider -o junit_family=xunit1 --junitxml=${REPORT_PATHS.pytest} -q`,
    format: 'junit-xml',
    reportPath: REPORT_PATHS.pytest,
    env: { PYTHONDONTWRITEBYTECODE: '1' },
    parseOptions: { junitFlavour: 'pytest' },
  };
}

// ---------------------------------------------------------------- Lint

function detectLint(files: RepositoryFiles): PlannedCommand | null {
  const pkg = readPackageJson(files);
  if (pkg?.scripts.lint) {
    const manager = packageManager(pkg, files.paths);
    return { framework: 'lint', command: `${manager} run lint`, format: 'lint' };
  }
  if (files.contents.has('go.mod')) return { framework: 'lint', command: 'go vet ./...', format: 'lint' };
  const pyproject = files.contents.get('pyproject.toml') ?? '';
  if (pyproject.includes('[tool.ruff') || files.contents.has('ruff.toml') || files.contents.has('.ruff.toml')) {
    return { framework: 'lint', command: 'ruff check .', format: 'lint' };
  }
  const flake8 = files.contents.has('.flake8') || ['setup.cfg', 'tox.ini'].some((name) => (files.contents.get(name) ?? '').includes('[flake8]'));
  if (flake8) return { framework: 'lint', command: 'python3 -m flake8', format: 'lint' };
  return null;
}
