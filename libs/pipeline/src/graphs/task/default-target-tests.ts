import {
  MAX_TARGET_TESTS,
  SUITE_DID_NOT_RUN,
  UNNAMED_TEST_FAILURE,
  type TargetTest,
  type TestFailure,
} from '@patchbay/contracts';

/**
 * Failures that stand for a whole run, not for a test: they never show up as passing, so as
 * target tests they could never be met. Named as the testing agent's parsers name them.
 */
const WHOLE_RUN_FAILURES = new Set([
  'command failed',
  SUITE_DID_NOT_RUN,
  'Test suite failed to run',
  'Bail out!',
  UNNAMED_TEST_FAILURE,
]);

/** Shorter names ("adds", "works") appear in ordinary sentences and would be picked by accident. */
const MIN_MENTIONED_NAME = 4;

/**
 * Prompts that ask, in so many words, for the failing tests to be fixed: "fix the failing greeting
 * test", "make the tests pass", "fix the broken specs". A bare mention of tests is not enough.
 */
const ASKS_TO_FIX_FAILING_TESTS = [
  /\b(fix|repair|resolve|make)\b[^.!?\n]{0,60}\b(failing|broken|red|failed)\b[^.!?\n]{0,40}\b(tests?|specs?)\b/i,
  /\bmake\b[^.!?\n]{0,40}\b(tests?|specs?|suite)\b[^.!?\n]{0,20}\b(pass|green)\b/i,
  /\bfix\b\s+(the\s+)?(tests?|specs?|test suite)\b/i,
];

/**
 * The target tests a plan gets when the planner named none:
 * 1. the base commit's failing tests that the prompt mentions (by the test's name, the last
 *    part of a nested name, or its file); otherwise
 * 2. every failing test of the base commit, when the prompt plainly asks to fix failing tests;
 *    otherwise
 * 3. none: the task is judged by "nothing that passed fails" alone.
 * A task that adds new tests gets none by default; only the planner or a reviewer can name those.
 */
export function defaultTargetTests(prompt: string, baselineTestFailures: readonly TestFailure[]): TargetTest[] {
  const candidates = unique(
    baselineTestFailures.filter(
      (failure) => !WHOLE_RUN_FAILURES.has(failure.name) && !failure.name.startsWith('package '),
    ),
  );
  const mentioned = candidates.filter((test) => isMentioned(prompt, test));
  const chosen =
    mentioned.length > 0
      ? mentioned
      : ASKS_TO_FIX_FAILING_TESTS.some((pattern) => pattern.test(prompt))
        ? candidates
        : [];
  return chosen.slice(0, MAX_TARGET_TESTS);
}

function isMentioned(prompt: string, test: TargetTest): boolean {
  const leaf = test.name.split(' > ').at(-1) ?? test.name;
  return [test.name, leaf, test.file ?? ''].some(
    (text) => text.length >= MIN_MENTIONED_NAME && containsPhrase(prompt, text),
  );
}

/** Case-insensitive, and not inside a longer word ("adds" is not mentioned by "addsUp"). */
function containsPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}($|[^\\p{L}\\p{N}_])`, 'iu').test(text);
}

/** One target per test: a test that failed twice under one name is still one test to make pass. */
function unique(failures: readonly TestFailure[]): TargetTest[] {
  const seen = new Set<string>();
  const tests: TargetTest[] = [];
  for (const failure of failures) {
    const key = `${failure.file ?? ''}\u0000${failure.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    tests.push(failure.file ? { name: failure.name, file: failure.file } : { name: failure.name });
  }
  return tests;
}
