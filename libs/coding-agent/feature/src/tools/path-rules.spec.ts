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

  it('narrows mid-flight: newly avoided files are refused and the limit only goes down, counting files already changed', () => {
    const budget = new ChangeBudget([], 3);
    budget.record('a.ts');
    budget.record('src/config.ts');
    budget.narrow({ avoidFiles: ['src/config.ts'], maxFilesChanged: 2 });
    expect(budget.refusal('src/config.ts')).toBe("src/config.ts is on the task's list of files to avoid");
    expect(budget.refusal('b.ts')).toBe('the task allows at most 2 changed files (a.ts, src/config.ts)');
    budget.narrow({ maxFilesChanged: 10 });
    expect(budget.refusal('b.ts')).toContain('at most 2 changed files');
  });

  it('takes a first limit from a narrowing when the task had none', () => {
    const budget = new ChangeBudget();
    budget.record('a.ts');
    budget.narrow({ maxFilesChanged: 1 });
    expect(budget.refusal('b.ts')).toBe('the task allows at most 1 changed files (a.ts)');
    expect(budget.refusal('a.ts')).toBeNull();
  });
});
