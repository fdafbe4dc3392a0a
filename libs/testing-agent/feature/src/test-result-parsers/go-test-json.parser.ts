import type { TestFailure, TestId } from '@patchbay/contracts';
import { failure, isRecord, passedTest, type ParsedTestRun } from './parsed-test-run';

interface GoTestState {
  pkg: string;
  test: string;
  action: string | null;
  output: string[];
}

/**
 * Reads `go test -json` (test2json events, one JSON object a line; other lines are ignored).
 * Only leaf tests count (`TestTable/case` rather than `TestTable`); a parent counts only when it
 * failed with no failing subtest. A package that failed without a failing test (panic in
 * TestMain, build failure) is reported under the package's name. Before Go 1.24 a build failure
 * produces no event at all, so the plain-text lines around the events are read for it too.
 *
 * `file` holds the package directory relative to the module root when `modulePath` is known,
 * otherwise the import path: a test's identity must not depend on which line its output named.
 */
export function parseGoTestJson(stdout: string, stderr = '', modulePath?: string): ParsedTestRun | null {
  const tests = new Map<string, GoTestState>();
  const packageFailed = new Map<string, string[]>();
  const packageOutput = new Map<string, string[]>();
  let sawEvent = false;
  for (const line of stdout.split('\n')) {
    const event = parseEvent(line);
    if (!event) continue;
    sawEvent = true;
    const pkg = event.Package ?? event.ImportPath ?? '';
    if (event.Test) {
      const key = `${pkg}\u0000${event.Test}`;
      const state = tests.get(key) ?? { pkg, test: event.Test, action: null, output: [] };
      tests.set(key, state);
      if (event.Action === 'output' && event.Output) state.output.push(event.Output);
      else if (event.Action === 'pass' || event.Action === 'fail' || event.Action === 'skip')
        state.action = event.Action;
    } else if (event.Action === 'output' || event.Action === 'build-output') {
      const lines = packageOutput.get(pkg) ?? [];
      lines.push(event.Output ?? '');
      packageOutput.set(pkg, lines);
    } else if (event.Action === 'fail' || event.Action === 'build-fail') {
      packageFailed.set(event.FailedBuild ?? pkg, packageOutput.get(pkg) ?? []);
    }
  }
  for (const [pkg, lines] of buildFailures(stdout, stderr)) if (!packageFailed.has(pkg)) packageFailed.set(pkg, lines);
  if (!sawEvent && packageFailed.size === 0) return null;

  const names = new Set([...tests.values()].map((state) => `${state.pkg}\u0000${state.test}`));
  const isParent = (state: GoTestState) =>
    [...names].some((name) => name.startsWith(`${state.pkg}\u0000${state.test}/`));
  let passed = 0;
  let skipped = 0;
  const failures: TestFailure[] = [];
  const passedTests: TestId[] = [];
  const packagesWithFailingTests = new Set<string>();
  for (const state of tests.values()) {
    const parent = isParent(state);
    if (state.action === 'fail') {
      const failingChild = [...tests.values()].some(
        (other) => other.pkg === state.pkg && other.test.startsWith(`${state.test}/`) && other.action === 'fail',
      );
      if (!failingChild) {
        failures.push(failure(state.test, packageLocation(state.pkg, modulePath), testOutput(state.output)));
        packagesWithFailingTests.add(state.pkg);
      } else packagesWithFailingTests.add(state.pkg);
    } else if (parent) continue;
    else if (state.action === 'pass') {
      passed += 1;
      passedTests.push(passedTest(state.test, packageLocation(state.pkg, modulePath)));
    } else if (state.action === 'skip') skipped += 1;
  }
  for (const [pkg, lines] of packageFailed) {
    if (packagesWithFailingTests.has(pkg)) continue;
    failures.push(
      failure(
        `package ${pkg}`,
        packageLocation(pkg, modulePath),
        lines.join('') || 'the package failed without a failing test',
      ),
    );
  }
  return { passed, failed: failures.length, skipped, failures, passedTests };
}

interface GoTestEvent {
  Action?: string;
  Package?: string;
  ImportPath?: string;
  Test?: string;
  Output?: string;
  FailedBuild?: string;
}

function parseEvent(line: string): GoTestEvent | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (!isRecord(value) || typeof value.Action !== 'string') return null;
    return value;
  } catch {
    return null;
  }
}

/** `=== RUN` / `--- FAIL` framing lines repeat what the result already says. */
function testOutput(lines: string[]): string {
  return (
    lines.filter((line) => !/^(=== (RUN|PAUSE|CONT|NAME)|--- (FAIL|PASS|SKIP):)/.test(line.trim())).join('') || 'failed'
  );
}

/**
 * `FAIL <pkg> [build failed]` lands on stdout between the JSON events, the compiler's messages on
 * stderr under a `# <pkg>` header.
 */
function buildFailures(stdout: string, stderr: string): Map<string, string[]> {
  const messages = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of stderr.split('\n')) {
    if (line.startsWith('# ')) {
      current = [];
      messages.set(line.slice(2).split(' ')[0], current);
    } else if (current && line.trim() && !line.startsWith('FAIL')) current.push(`${line}\n`);
  }
  const failed = new Map<string, string[]>();
  for (const line of `${stdout}\n${stderr}`.split('\n')) {
    const match = /^FAIL\s+(\S+)\s+\[(build|setup) failed\]/.exec(line.trim());
    if (match) failed.set(match[1], messages.get(match[1]) ?? [`${line.trim()}\n`]);
  }
  return failed;
}

function packageLocation(pkg: string, modulePath: string | undefined): string {
  if (!modulePath) return pkg;
  if (pkg === modulePath) return '.';
  return pkg.startsWith(`${modulePath}/`) ? pkg.slice(modulePath.length + 1) : pkg;
}
