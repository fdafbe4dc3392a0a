import type { TestFailure } from '@patchbay/contracts';
import { failure, stripAnsi, toRepositoryPath, type ParsedTestRun } from './parsed-test-run';
import { readSummaryCounts, unnamedFailures } from './summary-counts.parser';

/** `  FAIL  "name"` or, in a named suite, `  FAIL  suite  "name"` (uvu's colours stripped). */
const FAIL_LINE = /^\s*FAIL\s+(?:(\S.*?)\s+)?"(.*)"\s*$/;
/** A stack frame: `at fn (/workspace/tests/a.js:5:33)` or `at /workspace/tests/a.js:5:33`. */
const FRAME = /^\s*at (?:.*\()?(?:file:\/\/)?(\/[^():]+):\d+:\d+\)?\s*$/;
/** What ends a failure's text: a file header (not indented), a suite's progress line, the totals. */
const BLOCK_END = /^(\S|\s*Total:|.*\(\d+ \/ \d+\)\s*$)/;

/**
 * Reads uvu's default output. uvu has no machine-readable reporter: it names each failing test
 * (with its suite) and the file it failed in (from the stack), and counts the rest in its
 * "Total / Passed / Skipped" lines, so passing tests are counted, never named. Null when the
 * output is not uvu's.
 */
export function parseUvuOutput(output: string): ParsedTestRun | null {
  const lines = stripAnsi(output).replace(/\r/g, '').split('\n');
  const failures: TestFailure[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const match = FAIL_LINE.exec(lines[index]);
    if (!match) continue;
    const body: string[] = [];
    let file: string | undefined;
    for (
      index += 1;
      index < lines.length && !FAIL_LINE.test(lines[index]) && !BLOCK_END.test(lines[index]);
      index += 1
    ) {
      const frame = FRAME.exec(lines[index]);
      // uvu's own frames say nothing about the test; the first frame outside node_modules is the test's file.
      if (/^\s*at /.test(lines[index]) && /\/node_modules\/|[( ](node:|internal\/)/.test(lines[index])) continue;
      if (frame && !file) file = toRepositoryPath(frame[1]);
      body.push(lines[index]);
    }
    index -= 1;
    const [, suite, name] = match;
    failures.push(failure(suite ? `${suite} > ${name}` : name, file, body.join('\n').trim() || 'failed'));
  }
  const counts = readSummaryCounts(output);
  const fromUvu = counts && /Total:/.test(counts.summary) ? counts : null;
  if (!fromUvu && failures.length === 0) return null;
  const counted = fromUvu?.failed ?? failures.length;
  // A test that threw outside uvu's reporting (a crash in a hook) is counted but has no FAIL block.
  const unnamed = Math.max(0, counted - failures.length);
  return {
    passed: fromUvu?.passed ?? 0,
    failed: failures.length + unnamed,
    skipped: fromUvu?.skipped ?? 0,
    failures: [...failures, ...unnamedFailures(unnamed, fromUvu?.summary ?? '', output)],
    resultDetail: 'counts',
  };
}
