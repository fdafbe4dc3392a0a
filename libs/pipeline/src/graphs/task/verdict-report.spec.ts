import type { ValidationVerdict } from '@patchbay/contracts';
import { describeVerdict, verdictHeadline } from './verdict-report';

const NOT_DONE: ValidationVerdict = {
  done: false,
  newFailures: [{ name: 'returns a string', file: 'test/greet.test.js', message: 'expected string, got number' }],
  targets: [
    {
      test: { name: 'greets by name', file: 'test/greet.test.js' },
      before: 'failed',
      after: 'failed',
      failure: { name: 'greets by name', message: "'Hello, Ada' !== 'Hello, Ada!'" },
    },
    { test: { name: 'greets loudly' }, before: 'not_run', after: 'not_run' },
    { test: { name: 'returns early' }, before: 'failed', after: 'passed' },
  ],
  preexistingFailures: [{ name: 'parses dates', file: 'test/date.test.js', message: 'off by one' }],
  preexistingFailuresBlock: true,
};

describe('verdict report', () => {
  it('tells a human what keeps the change from being done: unmet targets, new failures, failures the repository does not allow', () => {
    expect(describeVerdict(NOT_DONE)).toBe(
      [
        'Target tests that do not pass yet:',
        "- greets by name (test/greet.test.js): still fails — 'Hello, Ada' !== 'Hello, Ada!'",
        '- greets loudly: not reported by this run (renamed, deleted, or not run)',
        '',
        'Tests that fail now and did not fail on the base commit:',
        '- returns a string (test/greet.test.js): expected string, got number',
        '',
        'Tests that already failed on the base commit and must pass too (the repository does not allow failures to stay):',
        '- parses dates (test/date.test.js): off by one',
      ].join('\n'),
    );
  });

  it('leaves out base-commit failures the repository allows to stay', () => {
    expect(describeVerdict({ ...NOT_DONE, preexistingFailuresBlock: false })).not.toContain('parses dates');
  });

  it('sums the reasons up in one line for the coder, whose request lists the tests themselves', () => {
    expect(verdictHeadline(NOT_DONE)).toBe(
      "Your change is not done yet: 2 target test(s) do not pass; 1 test(s) fail that passed on the base commit; 1 failure(s) from the base commit must be fixed too. Each failing test is listed below with the runner's output.",
    );
  });
});
