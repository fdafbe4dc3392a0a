import type { TestFailure, TestId } from '@patchbay/contracts';
import { failure, passedTest, toRepositoryPath, type ParsedTestRun } from './parsed-test-run';

interface TapResult {
  level: number;
  ok: boolean;
  description: string;
  directive: 'skip' | 'todo' | null;
  path: string[];
  hasChildren: boolean;
  /** Whether a result nested under this one failed (so a failing parent is explained by it). */
  childFailed: boolean;
  diagnostics: Record<string, string>;
  /** The YAML block as written, for failures whose block has no `error` or `message`. */
  yaml: string;
}

export interface TapOptions {
  /**
   * node-tap reports each test file as a top-level subtest named by its path: that becomes the
   * tests' file instead of the first part of their names.
   */
  fileSubtests?: boolean;
}

/** node:test indents each level of subtests by four spaces. */
const INDENT_PER_LEVEL = 4;

/** node-tap's name for the result it adds when a test file or a test ran out of time. */
const NODE_TAP_TIMEOUT = 'timeout!';

/**
 * Reads TAP 13/14 as `node --test` writes it (also the form most TAP producers share): nested
 * subtests are indented and reported before their parent, each result may carry a YAML block
 * with `error`, `location` and `failureType`. Only leaves count as tests; a suite line counts
 * only when the suite itself failed (a hook), not when it merely contains failing tests. Suites
 * that passed are listed with the passed tests, so a target may name a suite.
 * Returns null when the text holds no TAP results at all.
 */
export function parseTapOutput(text: string, options: TapOptions = {}): ParsedTestRun | null {
  const results = readResults(text.split(/\r?\n/));
  if (results.length === 0) return null;
  let passed = 0;
  let skipped = 0;
  const failures: TestFailure[] = [];
  const passedTests: TestId[] = [];
  const addFailure = (result: TapResult) => {
    const found = toFailure(result, options);
    // One timed-out file is one failure, however many of its levels node-tap marked; other
    // failures that share a name (two tests called the same) stay separate.
    const repeatedTimeout =
      options.fileSubtests &&
      isFileTimeout(result) &&
      failures.some((known) => known.name === found.name && known.file === found.file);
    if (!repeatedTimeout) failures.push(found);
  };
  for (const result of results) {
    if (result.hasChildren) {
      // node:test says why a suite failed; other producers fail a parent whenever a child fails,
      // so a parent counts only when none of its children explains it (a hook, a crash).
      const failureType = result.diagnostics.failureType;
      const ownFailure = failureType ? failureType !== 'subtestsFailed' : !result.childFailed;
      if (!result.ok && ownFailure && !result.directive) addFailure(result);
      // A suite that passed is named among the passed tests (not counted): a plan may target a
      // whole suite ("range parsing") rather than each of its generated cases.
      if (result.ok && !result.directive) passedTests.push(identityAsPassed(result, options));
      continue;
    }
    if (result.directive) skipped += 1;
    else if (result.ok) {
      passed += 1;
      passedTests.push(identityAsPassed(result, options));
    } else addFailure(result);
  }
  return { passed, failed: failures.length, skipped, failures, passedTests };
}

function readResults(lines: string[]): TapResult[] {
  const results: TapResult[] = [];
  const subtestNames: string[] = [];
  /** Results seen per level since the last result one level up: non-zero means "has children". */
  const seenAtLevel: number[] = [];
  /** Whether a failure was seen per level since the last result one level up. */
  const failedAtLevel: boolean[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index];
    const indent = raw.length - raw.trimStart().length;
    const level = Math.floor(indent / INDENT_PER_LEVEL);
    const line = raw.trim();
    if (line.startsWith('# Subtest:')) {
      subtestNames[level] = line.slice('# Subtest:'.length).trim();
      subtestNames.length = level + 1;
      continue;
    }
    if (line.startsWith('Bail out!')) {
      results.push({
        level,
        ok: false,
        description: 'Bail out!',
        directive: null,
        path: ['Bail out!'],
        hasChildren: false,
        childFailed: false,
        diagnostics: { error: line },
        yaml: '',
      });
      continue;
    }
    const parsed = parseResultLine(line);
    if (!parsed) continue;
    const hasChildren = (seenAtLevel[level + 1] ?? 0) > 0;
    const childFailed = failedAtLevel[level + 1] ?? false;
    seenAtLevel.length = level + 1;
    failedAtLevel.length = level + 1;
    seenAtLevel[level] = (seenAtLevel[level] ?? 0) + 1;
    if (!parsed.ok && !parsed.directive) failedAtLevel[level] = true;
    const parents = subtestNames.slice(0, level);
    const { diagnostics, yaml, next } = readYamlBlock(lines, index + 1, indent);
    index = next - 1;
    results.push({
      level,
      ...parsed,
      path: [...parents, parsed.description],
      hasChildren,
      childFailed,
      diagnostics,
      yaml,
    });
  }
  return results;
}

function parseResultLine(line: string): Pick<TapResult, 'ok' | 'description' | 'directive'> | null {
  let rest: string;
  let ok: boolean;
  if (line.startsWith('not ok')) {
    ok = false;
    rest = line.slice('not ok'.length);
  } else if (line.startsWith('ok')) {
    ok = true;
    rest = line.slice('ok'.length);
  } else return null;
  if (rest.length > 0 && rest[0] !== ' ') return null;
  rest = rest.trim().replace(/^\d+\s*/, '');
  if (rest.startsWith('- ')) rest = rest.slice(2);
  // node-tap ends a file's result line with its duration (`# time=30435.904ms`): a comment, not
  // part of the name, which would otherwise differ on every run and match no earlier failure.
  rest = rest.replace(/\s+#\s*time=[\d.]+m?s\s*$/, '');
  let directive: TapResult['directive'] = null;
  const hash = findDirective(rest);
  if (hash >= 0) {
    const word = rest
      .slice(hash + 1)
      .trim()
      .slice(0, 4)
      .toLowerCase();
    directive = word === 'skip' ? 'skip' : 'todo';
    rest = rest.slice(0, hash);
  }
  return { ok, description: unescapeDescription(rest.trim()), directive };
}

/** The position of an unescaped `# SKIP` / `# TODO`; a `\#` inside a test name is not one. */
function findDirective(text: string): number {
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '\\') {
      index += 1;
      continue;
    }
    if (text[index] !== '#') continue;
    const word = text
      .slice(index + 1)
      .trim()
      .slice(0, 4)
      .toLowerCase();
    if (word === 'skip' || word === 'todo') return index;
  }
  return -1;
}

function unescapeDescription(text: string): string {
  return text.replace(/\\([\\#])/g, '$1');
}

/**
 * Reads the subset of YAML that TAP diagnostics use: `key: value`, quoted scalars and `|-` / `|`
 * / `>-` block scalars. Nested mappings are kept as their raw text, which is all a message needs.
 */
function readYamlBlock(
  lines: string[],
  start: number,
  resultIndent: number,
): { diagnostics: Record<string, string>; yaml: string; next: number } {
  const block = readYamlDiagnostics(lines, start, resultIndent);
  const yaml =
    block.next > start + 1
      ? lines
          .slice(start + 1, block.next - 1)
          .map((line) => line.slice(Math.min(indentOf(lines[start]), indentOf(line))))
          .join('\n')
          .trim()
      : '';
  return { ...block, yaml };
}

function readYamlDiagnostics(
  lines: string[],
  start: number,
  resultIndent: number,
): { diagnostics: Record<string, string>; next: number } {
  const diagnostics: Record<string, string> = {};
  if (start >= lines.length || lines[start].trim() !== '---' || indentOf(lines[start]) <= resultIndent)
    return { diagnostics, next: start };
  const keyIndent = indentOf(lines[start]);
  let index = start + 1;
  while (index < lines.length) {
    const line = lines[index];
    if (line.trim() === '...' && indentOf(line) === keyIndent) return { diagnostics, next: index + 1 };
    const trimmed = line.trim();
    const colon = trimmed.indexOf(':');
    if (indentOf(line) !== keyIndent || colon <= 0) {
      index += 1;
      continue;
    }
    const key = trimmed.slice(0, colon);
    const value = trimmed.slice(colon + 1).trim();
    index += 1;
    if (value === '|' || value === '|-' || value === '>' || value === '>-' || value === '') {
      const block: string[] = [];
      while (
        index < lines.length &&
        (lines[index].trim() === '' || indentOf(lines[index]) > keyIndent) &&
        lines[index].trim() !== '...'
      ) {
        block.push(lines[index]);
        index += 1;
      }
      const blockIndent = Math.min(...block.filter((l) => l.trim()).map(indentOf), Number.MAX_SAFE_INTEGER);
      diagnostics[key] = block
        .map((l) => l.slice(Math.min(blockIndent, indentOf(l))))
        .join(value.startsWith('>') ? ' ' : '\n')
        .trim();
    } else diagnostics[key] = unquote(value);
  }
  return { diagnostics, next: index };
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  return value;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function toFailure(result: TapResult, options: TapOptions): TestFailure {
  const d = result.diagnostics;
  // AVA's block has an empty `message` and node-tap's none: the whole block (diff, source) says more than "failed".
  const message = d.error || d.message || result.yaml || (result.description === 'Bail out!' ? 'Bail out!' : 'failed');
  const { name, file } = identity(result, options);
  return failure(name, file, message);
}

function identityAsPassed(result: TapResult, options: TapOptions): TestId {
  const { name, file } = identity(result, options);
  return passedTest(name, file);
}

function identity(result: TapResult, options: TapOptions): { name: string; file: string | undefined } {
  if (options.fileSubtests && isFileTimeout(result))
    return { name: result.path[0], file: toRepositoryPath(result.path[0]) };
  if (options.fileSubtests && result.path.length > 1)
    return { name: result.path.slice(1).join(' > '), file: toRepositoryPath(result.path[0]) };
  if (options.fileSubtests && result.hasChildren)
    return { name: result.path[0], file: toRepositoryPath(result.path[0]) };
  return { name: result.path.join(' > '), file: locationFile(result.diagnostics.location ?? result.diagnostics.at) };
}

/**
 * `'/workspace/test/a.test.js:6:1'` → `test/a.test.js`. Anything else in `at` (AVA's
 * `ExecutionContext.is (file:///…/node_modules/ava/…)`, node-tap's nested mapping) is not the
 * test's file, and a test's identity must not depend on it.
 */
function locationFile(location: string | undefined): string | undefined {
  if (!location || /[\s()]/.test(location.trim())) return undefined;
  const withoutPosition = location.trim().replace(/(:\d+){1,2}$/, '');
  const path = withoutPosition.startsWith('file://') ? withoutPosition.slice('file://'.length) : withoutPosition;
  return path.includes('node_modules/') ? undefined : toRepositoryPath(path);
}

/**
 * node-tap reports a file that ran out of time in whichever way the kill caught it: a `timeout!`
 * result in the file (the file was busy), a `timeout!` under the test that was running (the file
 * handled the signal), or only the file's own failure (its tests had all finished). The same slow
 * file can come out each way on different runs, so all of them are the file's failure, named by
 * the file: a timeout that was there at the baseline must not look new after a change.
 */
function isFileTimeout(result: TapResult): boolean {
  return result.path.length > 1 && result.description === NODE_TAP_TIMEOUT && !result.ok;
}
