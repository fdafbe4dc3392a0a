import { spokenSummary, type SpokenSummaryInput } from './spoken-summary';

const BASE: SpokenSummaryInput = {
  repositoryName: 'acme/greeter',
  change: 'Fix the greeting format so the failing test passes',
  files: ['src/greet.js'],
  testsBefore: { passed: 1, failed: 1 },
  testsAfter: { passed: 2, failed: 0 },
  pullRequest: { number: 3, branch: 'patchbay/20261205-fix-greeting-1a2b', followUp: false },
};

describe('spokenSummary', () => {
  it('says what changed, the tests before and after, and the pull request, in sentences', () => {
    expect(spokenSummary(BASE)).toBe(
      'Patchbay finished a task on acme/greeter. What changed: Fix the greeting format so the failing test passes. ' +
        'One file changed: src/greet.js. Tests: before the change, one test passed and one failed; after it, 2 tests passed and none failed. ' +
        'Pull request number 3 is open for review.',
    );
  });

  it('names at most three files and counts the rest', () => {
    const text = spokenSummary({ ...BASE, files: ['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts'] });
    expect(text).toContain('5 files changed: a.ts, b.ts, c.ts and 2 other files.');
    expect(spokenSummary({ ...BASE, files: ['a.ts', 'b.ts'] })).toContain('2 files changed: a.ts and b.ts.');
  });

  it('says when no tests ran, and when there was no baseline', () => {
    expect(spokenSummary({ ...BASE, testsAfter: null })).toContain('No tests were run.');
    expect(spokenSummary({ ...BASE, testsBefore: null })).toContain(
      'Tests: after the change, 2 tests passed and none failed.',
    );
  });

  it('speaks of a follow-up as a push to the existing pull request', () => {
    expect(spokenSummary({ ...BASE, pullRequest: { number: 7, branch: 'b', followUp: true } })).toContain(
      'The change was pushed to pull request number 7.',
    );
  });

  it('keeps Markdown, URLs and hashes out of what is spoken, and cuts a long description at a word', () => {
    const text = spokenSummary({
      ...BASE,
      change: `**Refactor** the \`greet\` module, see https://example.com/x and commit 0123456789abcdef0123. ${'More words here. '.repeat(30)}`,
    });
    expect(text).not.toMatch(/[*`]|https?:|0123456789abcdef/);
    expect(text).toContain('What changed: Refactor the greet module, see a link and commit');
    const change = /What changed: (.*?) One file/.exec(text)?.[1] ?? '';
    expect(change.length).toBeLessThanOrEqual(242);
    expect(change.endsWith('…')).toBe(true);
  });
});
