import type { LintMode } from '@patchbay/contracts';
import { commandSteps, scriptSteps, type PackageManager, type ScriptStep } from './commands/package-scripts';
import { simpleCommandWords, splitCommandList, word } from './commands/shell-words';
import { planLint } from './lint-detection';
import { readProject, toolOf, withLocalBin, type RepositoryFiles, type RepositoryProject } from './repository-project';
import { runnerOf, runnerOfCommand, runnerOfDependencies } from './runners/runner-adapters';
import type { ReporterContext, ReporterInvocation, RunnerAdapter } from './runners/runner-adapter';
import type { PlannedStep, ValidationPlan } from './validation-plan';

export { manifestsToRead, type RepositoryFiles } from './repository-project';

export interface CommandOverrides {
  testCommand?: string | null;
  lintCommand?: string | null;
  /** Absent: `command` when there is a lint command, otherwise `auto` (how repositories behaved before the setting). */
  lintMode?: LintMode;
}

export class NoTestCommandError extends Error {
  constructor() {
    super(
      'No test command found: no package.json test script or test runner dependency, no pytest tests, no go.mod, no pom.xml ' +
        'and no Gradle build at the repository root. Set the test command in the repository settings.',
    );
    this.name = 'NoTestCommandError';
  }
}

/** Report files live in /tmp: outside /workspace, so a report never becomes part of the diff. */
export function reportPathFor(framework: string, extension: 'json' | 'xml', index = 0): string {
  return `/tmp/patchbay-${framework.replace(/[^a-z0-9]+/gi, '-')}-report${index > 0 ? `-${index + 1}` : ''}.${extension}`;
}

/** The report paths of the first run of each runner that writes one. */
export const REPORT_PATHS = {
  jest: reportPathFor('jest', 'json'),
  vitest: reportPathFor('vitest', 'json'),
  mocha: reportPathFor('mocha', 'json'),
  pytest: reportPathFor('pytest', 'xml'),
} as const;

/**
 * Picks what validates the repository. Settings win; otherwise the first ecosystem with a test
 * signal: a package.json test script or runner dependency, then go.mod, then pom.xml, then a Gradle
 * build, then pytest (Python files turn up as helper scripts in many repositories, so they are
 * the weakest signal). Every runner the agent knows runs with its machine-readable reporter; a
 * compound test script is split into its steps (see {@link planScriptSteps}); the linter is added
 * as a check per the repository's lint mode.
 */
export function detectValidationPlan(files: RepositoryFiles, overrides: CommandOverrides = {}): ValidationPlan {
  const project = readProject(files);
  const tests = overrides.testCommand?.trim()
    ? planCommand(overrides.testCommand.trim(), project)
    : detectTests(project);
  if (!tests) throw new NoTestCommandError();
  return planLint(project, tests, overrides);
}

function detectTests(project: RepositoryProject): PlannedStep[] | null {
  return (
    detectNodeTests(project) ??
    detectGoTests(project) ??
    detectMavenTests(project) ??
    detectGradleTests(project) ??
    detectPytest(project)
  );
}

/** The test runner a command invokes: the first runner step of a command list, or any runner named in a command that cannot be split. */
export function frameworkOfCommand(command: string): string | undefined {
  const parts = splitCommandList(command);
  if (parts) return parts.map(runnerOfCommand).find(Boolean)?.framework;
  const words = command
    .split(/[\s;&|()<>]+/)
    .filter(Boolean)
    .map(word);
  return runnerOf(words)?.framework;
}

/** A test command from the settings: split and given reporters like a test script; run as written when nothing in it is a known runner. */
function planCommand(command: string, project: RepositoryProject): PlannedStep[] {
  const steps =
    project.pkg && !project.plugAndPlay
      ? commandSteps(command, project.pkg.scripts, project.manager)
      : splitCommandList(command)?.map((part) => ({ command: part }));
  const planned = steps && steps.length > 0 ? planScriptSteps(steps, project) : null;
  return planned ?? [asWritten(command, command, frameworkOfCommand(command) ?? 'custom')];
}

// ---------------------------------------------------------------- Node

const NPM_PLACEHOLDER_TEST = 'no test specified';

function detectNodeTests(project: RepositoryProject): PlannedStep[] | null {
  const { pkg, manager } = project;
  if (!pkg) return null;
  const script =
    pkg.scripts.test && !pkg.scripts.test.includes(NPM_PLACEHOLDER_TEST) ? pkg.scripts.test.trim() : undefined;
  if (script) {
    // Yarn Plug'n'Play has no node_modules/.bin for steps run on their own: the script runs whole.
    const steps = project.plugAndPlay ? null : scriptSteps('test', pkg.scripts, manager);
    if (steps?.length === 1 && steps[0].command === script) return [singleTestScript(script, project)];
    const planned = steps && steps.length > 0 ? planScriptSteps(steps, project) : null;
    if (planned) return planned;
    const framework = frameworkOfCommand(script) ?? runnerOfDependencies(pkg.dependencies)?.framework ?? 'custom';
    return [asWritten('test', `${manager} test`, framework)];
  }
  const adapter = runnerOfDependencies(pkg.dependencies);
  if (!adapter) return null;
  const written = `${execBinary(manager)} ${adapter.packages[0]}`;
  return [
    testStep(
      adapter,
      adapter.packages[0],
      adapter.withReporter(written.split(' ').map(word), reporterContexts(project)(adapter)),
      written,
    ),
  ];
}

/**
 * A test script that is one command keeps running through the package manager (npm's environment
 * and PATH) when the reporter can be appended to it; a runner whose flags must go elsewhere (node's
 * `--test-reporter` before the files, uvu's `--bail` removed) runs directly.
 */
function singleTestScript(script: string, project: RepositoryProject): PlannedStep {
  const words = simpleCommandWords(script);
  const adapter = words ? runnerOf(words) : undefined;
  if (!words || !adapter)
    return asWritten(
      'test',
      `${project.manager} test`,
      runnerOfDependencies(project.pkg?.dependencies ?? {})?.framework ?? 'custom',
    );
  const rewritten = adapter.withReporter(words, reporterContexts(project)(adapter));
  const appended = rewritten.command.startsWith(`${script} `) ? rewritten.command.slice(script.length + 1) : null;
  const command = appended !== null ? runScript(project.manager, appended) : withLocalBin(rewritten.command, project);
  return testStep(adapter, 'test', { ...rewritten, command }, script);
}

/** Programs whose step in a test script checks the code rather than testing it. */
const CHECK_TOOLS = new Set([
  'eslint',
  'tsc',
  'vue-tsc',
  'tslint',
  'prettier',
  'standard',
  'xo',
  'biome',
  'stylelint',
  'markdownlint',
  'jshint',
  'ruff',
  'flake8',
  'black',
  'isort',
  'mypy',
  'pylint',
  'pyright',
  'go vet',
  'go build',
  'golangci-lint',
  'gofmt',
  'rimraf',
  'del-cli',
  'shx',
  'tsup',
  'webpack',
  'rollup',
  'vite',
  'esbuild',
  'babel',
  'node-gyp',
  'copyfiles',
]);
/** Script names that say the same. */
const CHECK_SCRIPT =
  /(^|:)(lint|format|fmt|prettier|typecheck|type-check|types|check-types|tsc|build|compile|clean)(:|$)/;

/**
 * Plans the steps of a split test script: each step that runs a known test runner gets its
 * reporter; every other step becomes a check, reported on its own, so that a failing `pnpm lint`
 * no longer hides the tests (with `&&` they would not even run) and a green run is not taken for
 * "no tests ran". When no step is a known runner, the steps that are not known checks are taken as
 * the tests (read by counts); null when nothing is left to call the tests.
 */
function planScriptSteps(steps: readonly ScriptStep[], project: RepositoryProject): PlannedStep[] | null {
  const words = steps.map((step) => simpleCommandWords(step.command));
  const runners = words.map((entry) => (entry ? runnerOf(entry) : undefined));
  const anyRunner = runners.some(Boolean);
  const isTests = steps.map((step, index) => (anyRunner ? Boolean(runners[index]) : !isCheckStep(step)));
  if (!isTests.some(Boolean)) return null;
  const contexts = reporterContexts(project);
  return steps.map((step, index): PlannedStep => {
    const name = step.script ?? step.command;
    const adapter = runners[index];
    const stepWords = words[index];
    if (isTests[index] && adapter && stepWords) {
      const rewritten = adapter.withReporter(stepWords, contexts(adapter));
      return testStep(adapter, name, { ...rewritten, command: withLocalBin(rewritten.command, project) }, step.command);
    }
    if (isTests[index])
      return {
        role: 'tests',
        name,
        framework: 'custom',
        command: withLocalBin(step.command, project),
        format: 'auto',
        written: step.command,
      };
    return {
      role: 'check',
      name,
      framework: 'check',
      command: withLocalBin(step.command, project),
      format: 'auto',
      written: step.command,
    };
  });
}

function isCheckStep(step: ScriptStep): boolean {
  const tool = toolOf(step.command);
  return (
    (tool !== undefined && CHECK_TOOLS.has(tool)) ||
    (step.script !== undefined && (CHECK_SCRIPT.test(step.script) || /^(pre|post)/.test(step.script)))
  );
}

function testStep(adapter: RunnerAdapter, name: string, invocation: ReporterInvocation, written: string): PlannedStep {
  return { role: 'tests', name, framework: adapter.framework, ...invocation, written };
}

function asWritten(name: string, command: string, framework: string): PlannedStep {
  return { role: 'tests', name, framework, command, format: 'auto', written: command };
}

type ReporterContexts = (adapter: RunnerAdapter) => ReporterContext;

/** Report files numbered per runner, so two runs of one runner in a script do not overwrite each other's report. */
function reporterContexts(project: RepositoryProject): ReporterContexts {
  const used = new Map<string, number>();
  return (adapter) => ({
    goModulePath: project.goModulePath,
    reportFile: (extension) => {
      const index = used.get(adapter.framework) ?? 0;
      used.set(adapter.framework, index + 1);
      return reportPathFor(adapter.framework, extension, index);
    },
  });
}

function runScript(manager: PackageManager, args: string): string {
  // npm needs `--` before arguments meant for the script; yarn and pnpm pass them on as they are.
  return manager === 'npm' ? `npm test -- ${args}` : `${manager} test ${args}`;
}

function execBinary(manager: PackageManager): string {
  // --no-install: the sandbox has no network, and a runner that is not installed is a setup
  // problem to report, not something to fetch.
  return manager === 'npm' ? 'npx --no-install' : manager === 'pnpm' ? 'pnpm exec' : 'yarn';
}

// ---------------------------------------------------------------- Go, Maven, Gradle, Python

function detectGoTests(project: RepositoryProject): PlannedStep[] | null {
  if (!project.files.contents.has('go.mod')) return null;
  return [plannedRunner('go test ./...', project)];
}

function detectMavenTests(project: RepositoryProject): PlannedStep[] | null {
  if (!project.files.contents.has('pom.xml')) return null;
  return [plannedRunner(project.files.paths.includes('mvnw') ? './mvnw -q test' : 'mvn -q test', project)];
}

function detectGradleTests(project: RepositoryProject): PlannedStep[] | null {
  const gradleBuild = ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'].some((name) =>
    project.files.paths.includes(name),
  );
  if (!gradleBuild) return null;
  return [plannedRunner(project.files.paths.includes('gradlew') ? './gradlew test' : 'gradle test', project)];
}

function detectPytest(project: RepositoryProject): PlannedStep[] | null {
  const { files } = project;
  const mentionsPytest = [...files.contents.entries()].some(
    ([path, text]) => path !== 'package.json' && text.includes('pytest'),
  );
  const hasTestFiles = files.paths.some(
    (path) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(path) || /(^|\/)conftest\.py$/.test(path),
  );
  if (!hasTestFiles && !(mentionsPytest && files.paths.some((path) => path.endsWith('.py')))) return null;
  return [plannedRunner('python3 -m pytest -q', project)];
}

function plannedRunner(command: string, project: RepositoryProject): PlannedStep {
  const words = simpleCommandWords(command);
  const adapter = words ? runnerOf(words) : undefined;
  if (!words || !adapter) throw new Error(`no runner adapter for ${command}`);
  return testStep(adapter, 'test', adapter.withReporter(words, reporterContexts(project)(adapter)), command);
}
