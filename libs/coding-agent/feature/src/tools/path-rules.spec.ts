import { ChangeBudget, globToRegExp } from './path-rules';

describe('change budget', () => {
  it('matches avoid-file globs the way users write them', () => {
    expect(globToRegExp('secrets/**').test('secrets/prod/key.pem')).toBe(true);
    expect(globToRegExp('*.lock').test('deep/yarn.lock')).toBe(true);
    expect(globToRegExp('src/config.ts').test('src/config.ts')).toBe(true);
    expect(globToRegExp('src/config.ts').test('src/config.tsx')).toBe(false);
  });

  it('refuses avoided files and files beyond the limit, but not re-edits of a changed file', () => {
    const budget = new ChangeBudget(['package-lock.json'], 2);
    expect(budget.refusal('./package-lock.json')).toContain('avoid');
    budget.record('a.ts');
    budget.record('b.ts');
    expect(budget.refusal('a.ts')).toBeNull();
    expect(budget.refusal('c.ts')).toBe('the task allows at most 2 changed files (a.ts, b.ts)');
  });
});
