import { UNNAMED_TEST_FAILURE, type TestFailure } from '@patchbay/contracts';
import { failure, stripAnsi, type ParsedTestRun } from './parsed-test-run';

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  /** The line(s) the counts were read from, to show with the failures. */
  summary: string;
}

/** How a family of runners prints its totals; the first family found in the output is used. */
interface SummaryFamily {
  runner: string;
  read(text: string): TestCounts | null;
}

/** The message of the first unnamed failure carries this much of the output; the others point to it. */
const OUTPUT_CHARS = 1_500;

/**
 * Reads the totals a test runner prints at the end ("Tests: 2 failed, 5 passed", "3 passing /
 * 1 failing", pytest's "== 1 failed, 2 passed in 0.1s ==", uvu's "Total: … Passed: …"), for output
 * no parser understands test by test. Each failure counted this way becomes one
 * {@link UNNAMED_TEST_FAILURE}, so a baseline and a later run compare by count. Null when the
 * output holds no summary this knows, or one that counts no test at all.
 */
export function parseSummaryCounts(output: string): ParsedTestRun | null {
  const counts = readSummaryCounts(output);
  if (!counts || counts.passed + counts.failed + counts.skipped === 0) return null;
  return {
    passed: counts.passed,
    failed: counts.failed,
    skipped: counts.skipped,
    failures: unnamedFailures(counts.failed, counts.summary, output),
    resultDetail: 'counts',
  };
}

export function readSummaryCounts(output: string): TestCounts | null {
  const text = stripAnsi(output).replace(/\r/g, '');
  for (const family of FAMILIES) {
    const counts = family.read(text);
    if (counts) return counts;
  }
  return null;
}

/** `failed` failures without names: the first with the end of the output, the rest pointing to it. */
export function unnamedFailures(failed: number, summary: string, output: string): TestFailure[] {
  const failures: TestFailure[] = [];
  for (let index = 0; index < failed; index += 1) {
    const message =
      index === 0
        ? `The runner counted ${failed} failing test(s) without naming them (${summary.trim()}).\nEnd of its output:\n${tailOf(stripAnsi(output), OUTPUT_CHARS)}`
        : `One of the ${failed} failing tests the runner counted without naming them (${summary.trim()}).`;
    failures.push(failure(UNNAMED_TEST_FAILURE, undefined, message));
  }
  return failures;
}

function tailOf(text: string, chars: number): string {
  const trimmed = text.trim();
  return trimmed.length <= chars ? trimmed : `…${trimmed.slice(-chars)}`;
}

/** Sums `<n> <word>` pairs of each matching line: one runner may print its summary once per project or suite. */
function pairs(lines: readonly string[], words: Record<string, keyof Omit<TestCounts, 'summary'> | null>): TestCounts {
  const counts: TestCounts = { passed: 0, failed: 0, skipped: 0, summary: lines.join(' / ') };
  for (const line of lines) {
    for (const match of line.matchAll(/(\d+)\s+([a-z]+(?: [a-z]+)?)/gi)) {
      const key = words[match[2].toLowerCase()] ?? words[match[2].toLowerCase().split(' ')[0]];
      if (key) counts[key] += Number(match[1]);
    }
  }
  return counts;
}

function linesMatching(text: string, pattern: RegExp): string[] {
  return text
    .split('\n')
    .filter((line) => pattern.test(line))
    .map((line) => line.trim());
}

function firstNumber(text: string, pattern: RegExp): number | null {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : null;
}

const FAMILIES: readonly SummaryFamily[] = [
  {
    runner: 'jest',
    // Tests:       2 failed, 1 skipped, 3 passed, 6 total
    read: (text) => {
      const lines = linesMatching(text, /^\s*Tests:\s+(\d+ [a-z]+, )*\d+ total\s*$/);
      return lines.length
        ? pairs(lines, { failed: 'failed', passed: 'passed', skipped: 'skipped', todo: 'skipped', pending: 'skipped' })
        : null;
    },
  },
  {
    runner: 'vitest',
    //       Tests  2 failed | 2 passed | 1 skipped (5)
    read: (text) => {
      const lines = linesMatching(text, /^\s*Tests\s+\d+ [a-z]+( \| \d+ [a-z]+)* \(\d+\)\s*$/);
      return lines.length
        ? pairs(
            lines.map((line) => line.replace(/\(\d+\)\s*$/, '')),
            { failed: 'failed', passed: 'passed', skipped: 'skipped', todo: 'skipped' },
          )
        : null;
    },
  },
  {
    runner: 'mocha',
    //   2 passing (6ms) / 1 pending / 2 failing
    read: (text) => {
      const lines = linesMatching(text, /^\s*\d+ (passing|failing|pending)\b/);
      return lines.some((line) => /passing|failing/.test(line))
        ? pairs(lines, { passing: 'passed', failing: 'failed', pending: 'skipped' })
        : null;
    },
  },
  {
    runner: 'pytest',
    // ===== 1 failed, 2 passed, 1 skipped in 0.12s =====   (or without the rules, with -q)
    read: (text) => {
      const lines = linesMatching(text, /^(=+ )?(\d+ [a-z]+(, )?)+ in [\d.]+s( \([^)]*\))?( =+)?$/);
      if (!lines.length) return null;
      return pairs(lines, {
        failed: 'failed',
        error: 'failed',
        errors: 'failed',
        passed: 'passed',
        xpassed: 'passed',
        skipped: 'skipped',
        xfailed: 'skipped',
        deselected: null,
        warning: null,
        warnings: null,
      });
    },
  },
  {
    runner: 'unittest',
    // Ran 5 tests in 0.001s … FAILED (failures=1, errors=1, skipped=1) | OK (skipped=1)
    read: (text) => {
      const ran = firstNumber(text, /^Ran (\d+) tests? in /m);
      if (ran === null) return null;
      const verdict = /^(FAILED|OK)(?: \(([^)]*)\))?\s*$/m.exec(text);
      const detail = new Map(
        (verdict?.[2] ?? '')
          .split(/,\s*/)
          .filter(Boolean)
          .map((entry) => entry.split('=') as [string, string]),
      );
      const failed =
        Number(detail.get('failures') ?? 0) +
        Number(detail.get('errors') ?? 0) +
        Number(detail.get('unexpected successes') ?? 0);
      const skipped = Number(detail.get('skipped') ?? 0) + Number(detail.get('expected failures') ?? 0);
      return {
        passed: Math.max(0, ran - failed - skipped),
        failed,
        skipped,
        summary: `Ran ${ran} tests${verdict ? `; ${verdict[0].trim()}` : ''}`,
      };
    },
  },
  {
    runner: 'uvu',
    //   Total:     5 / Passed:    3 / Skipped:   1
    read: (text) => {
      const total = firstNumber(text, /^\s*Total:\s+(\d+)\s*$/m);
      const passed = firstNumber(text, /^\s*Passed:\s+(\d+)\s*$/m);
      if (total === null || passed === null) return null;
      const skipped = firstNumber(text, /^\s*Skipped:\s+(\d+)\s*$/m) ?? 0;
      return {
        passed,
        failed: Math.max(0, total - passed),
        skipped,
        summary: `Total: ${total}, Passed: ${passed}, Skipped: ${skipped}`,
      };
    },
  },
  {
    runner: 'tap',
    // node:test, tape, ava --tap: "# pass 2" / "# fail 1" / "# skip 1"; node-tap: "# { total: 4, pass: 2, fail: 1, skip: 1 }"
    read: (text) => {
      const tapObject = /^# \{ total: \d+, pass: (\d+)(?:, fail: (\d+))?(?:, skip: (\d+))?/m.exec(text);
      if (tapObject)
        return {
          passed: Number(tapObject[1]),
          failed: Number(tapObject[2] ?? 0),
          skipped: Number(tapObject[3] ?? 0),
          summary: tapObject[0],
        };
      const pass = firstNumber(text, /^# pass\s+(\d+)\s*$/m);
      const fail = firstNumber(text, /^# fail\s+(\d+)\s*$/m);
      if (pass === null && fail === null) return null;
      const skipped =
        (firstNumber(text, /^# skip(?:ped)?\s+(\d+)\s*$/m) ?? 0) + (firstNumber(text, /^# todo\s+(\d+)\s*$/m) ?? 0);
      return { passed: pass ?? 0, failed: fail ?? 0, skipped, summary: `# pass ${pass ?? 0}, # fail ${fail ?? 0}` };
    },
  },
  {
    runner: 'ava',
    //   2 tests passed / 1 test failed / 1 test skipped / 1 known failure
    read: (text) => {
      const lines = linesMatching(
        text,
        /^\s*\d+ (tests? (passed|failed|skipped|todo)|known failures?|uncaught exceptions?|unhandled rejections?)\s*$/,
      );
      return lines.length
        ? pairs(lines, {
            'tests passed': 'passed',
            'test passed': 'passed',
            'tests failed': 'failed',
            'test failed': 'failed',
            'tests skipped': 'skipped',
            'test skipped': 'skipped',
            'tests todo': 'skipped',
            'test todo': 'skipped',
            known: 'skipped',
            uncaught: 'failed',
            unhandled: 'failed',
          })
        : null;
    },
  },
  {
    runner: 'maven',
    // Tests run: 5, Failures: 1, Errors: 0, Skipped: 1 — the last one is the build's total.
    read: (text) => {
      const all = [...text.matchAll(/Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)/g)];
      const last = all.at(-1);
      if (!last) return null;
      const failed = Number(last[2]) + Number(last[3]);
      const skipped = Number(last[4]);
      return { passed: Math.max(0, Number(last[1]) - failed - skipped), failed, skipped, summary: last[0] };
    },
  },
  {
    runner: 'gradle',
    // 5 tests completed, 1 failed, 1 skipped
    read: (text) => {
      const match = /(\d+) tests? completed(?:, (\d+) failed)?(?:, (\d+) skipped)?/.exec(text);
      if (!match) return null;
      const failed = Number(match[2] ?? 0);
      const skipped = Number(match[3] ?? 0);
      return { passed: Math.max(0, Number(match[1]) - failed - skipped), failed, skipped, summary: match[0] };
    },
  },
  {
    runner: 'go',
    // go test -v: one `--- PASS/FAIL/SKIP: TestX` line per top-level test (subtests are indented).
    read: (text) => {
      const lines = text.split('\n').filter((line) => /^--- (PASS|FAIL|SKIP): /.test(line));
      if (lines.length === 0) return null;
      const count = (status: string) => lines.filter((line) => line.startsWith(`--- ${status}: `)).length;
      return {
        passed: count('PASS'),
        failed: count('FAIL'),
        skipped: count('SKIP'),
        summary: `${lines.length} top-level go tests`,
      };
    },
  },
  {
    runner: 'generic',
    // Anything else that prints "3 passed, 1 failed" (or "Passed: 3, Failed: 1") on one line.
    read: (text) => {
      const lines = linesMatching(
        text,
        /\b\d+ (passed|failed)\b.*\b\d+ (passed|failed)\b|\b(passed|failed):\s*\d+\b.*\b(passed|failed):\s*\d+\b/i,
      );
      const last = lines.at(-1);
      if (!last) return null;
      const counts: TestCounts = { passed: 0, failed: 0, skipped: 0, summary: last };
      for (const match of last.matchAll(/(\d+) (passed|failed|skipped)\b|\b(passed|failed|skipped):\s*(\d+)/gi)) {
        const key = (match[2] ?? match[3]).toLowerCase() as 'passed' | 'failed' | 'skipped';
        counts[key] += Number(match[1] ?? match[4]);
      }
      return counts;
    },
  },
];

/** The runner names whose summaries are known, for documentation and tests. */
export const SUMMARY_RUNNERS = FAMILIES.map((family) => family.runner);
