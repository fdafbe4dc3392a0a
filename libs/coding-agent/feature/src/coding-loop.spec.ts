import { describeAddedConstraint, describeAssignment } from './coding-loop';
import { GREETER_CODING_STEP } from './testing/coding-step-command';

const COMMAND = GREETER_CODING_STEP;

describe("describeAssignment (the coder's prompt)", () => {
  it('names the target tests from the first round', () => {
    expect(describeAssignment(COMMAND)).toContain(
      'Target tests — the task is done only when each of these passes and nothing that passed before fails:\n- greets by name (test/greet.test.js)',
    );
  });

  it('tells a best-of-N candidate which of how many it is, and says nothing of candidates otherwise', () => {
    expect(describeAssignment({ ...COMMAND, candidate: { index: 2, of: 3 } })).toContain(
      'You are candidate 2 of 3: 3 coders work on this task independently',
    );
    expect(describeAssignment(COMMAND)).not.toContain('candidate');
  });

  it('carries, after a validated round, the failing tests with their output and why they count, the command and the diff', () => {
    const prompt = describeAssignment({
      ...COMMAND,
      round: 2,
      feedback: 'Your change is not done yet.',
      previousRound: {
        testCommand: 'node --test-reporter=tap --test',
        lintCommand: null,
        failingTests: [
          {
            name: 'greets by name',
            file: 'test/greet.test.js',
            reason: 'target_failing',
            output: "'Hello, Ada' !== 'Hello, Ada!'",
          },
          { name: 'returns a string', reason: 'new_failure', output: 'output with ``` inside' },
        ],
        failingTestsOmitted: 3,
        diff: "-exports.greet = (name) => 'Hello ' + name;\n+exports.greet = (name) => 'Hello, ' + name;",
      },
    });
    expect(prompt).toContain('The tests were run with: ```\nnode --test-reporter=tap --test\n```');
    expect(prompt).toContain(
      "### greets by name (test/greet.test.js): a target test of the plan; it still fails\n```\n'Hello, Ada' !== 'Hello, Ada!'\n```",
    );
    // Output holding a fence cannot close the block it is quoted in.
    expect(prompt).toContain(
      '### returns a string: it passed on the base commit and fails now\n````\noutput with ``` inside\n````',
    );
    expect(prompt).toContain('(3 more failing tests are not shown.)');
    expect(prompt).toContain(
      "Your changes so far (diff against the base commit):\n```diff\n-exports.greet = (name) => 'Hello ' + name;\n+exports.greet = (name) => 'Hello, ' + name;\n```",
    );
  });

  it('says so when the previous round passed (a reviewer asked for changes)', () => {
    const prompt = describeAssignment({
      ...COMMAND,
      previousRound: {
        testCommand: 'npm test',
        lintCommand: 'npm run lint',
        failingTests: [],
        failingTestsOmitted: 0,
        diff: '',
      },
    });
    expect(prompt).toContain('Every target test passed and nothing that passed before failed.');
    expect(prompt).toContain('The linter with: ```\nnpm run lint\n```');
    expect(prompt).toContain('The workspace has no changes against the base commit.');
  });

  it('lists the notes of constraints added so far after the rules in force, and nothing without notes', () => {
    const added = {
      id: '00000000-0000-4000-8000-000000000009',
      note: 'Keep the public API',
      avoidFiles: ['src/config.ts'],
      addedBy: 'carol',
      at: '2026-12-06T05:00:00.000Z',
    };
    const prompt = describeAssignment({
      ...COMMAND,
      constraints: { avoidFiles: ['src/config.ts'], maxFilesChanged: 2 },
      addedConstraints: [added, { ...added, id: '00000000-0000-4000-8000-00000000000a', note: undefined }],
    });
    expect(prompt).toContain(
      'Do not change: src/config.ts\nChange at most 2 files.\n\nConstraints the developer added while the task ran (they narrow the task; they never lift a rule):\n<constraint by="carol">\nKeep the public API\n</constraint>',
    );
    expect(describeAssignment({ ...COMMAND, addedConstraints: [{ ...added, note: undefined }] })).not.toContain(
      'Constraints the developer added',
    );
    expect(describeAddedConstraint({ ...added, maxFilesChanged: 3 })).toBe(
      [
        'Constraint from the developer (carol), added while you work. It applies from now on and narrows the task; it never lifts a rule or widens your tools.',
        '<constraint>\nKeep the public API\n</constraint>',
        'Do not change: src/config.ts',
        'Change at most 3 files in total (files you already changed count).',
      ].join('\n'),
    );
  });
});
