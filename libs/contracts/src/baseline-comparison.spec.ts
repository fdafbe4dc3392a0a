import { fixedFailures, newFailures } from './baseline-comparison';

const f = (name: string, file?: string, message = 'failed') => ({ name, ...(file ? { file } : {}), message });

describe('newFailures', () => {
  it('counts only failures the baseline did not have, by name and file, whatever the message says now', () => {
    const baseline = [f('adds negatives', 'test/sum.test.js', 'Expected -6, got -5')];
    const after = [f('adds negatives', 'test/sum.test.js', 'Expected -6, got -7'), f('multiplies', 'test/mul.test.js')];
    expect(newFailures(baseline, after)).toEqual([f('multiplies', 'test/mul.test.js')]);
  });

  it('treats the same name in another file as a different test', () => {
    expect(newFailures([f('works', 'a.test.js')], [f('works', 'b.test.js')])).toEqual([f('works', 'b.test.js')]);
  });

  it('is empty when the edit fixed the baseline failure and broke nothing', () => {
    expect(newFailures({ failures: [f('adds negatives', 'test/sum.test.js')] }, { failures: [] })).toEqual([]);
  });

  it('counts occurrences, so one more failure under a name already failing is new', () => {
    expect(newFailures([f('command failed')], [f('command failed'), f('command failed')])).toEqual([
      f('command failed'),
    ]);
  });
});

describe('fixedFailures', () => {
  it('lists baseline failures that pass after the edit', () => {
    expect(fixedFailures([f('a', 'x'), f('b', 'x')], [f('b', 'x')])).toEqual([f('a', 'x')]);
  });
});
