import type { TestFailure } from '@patchbay/contracts';
import { defaultTargetTests } from './default-target-tests';

const failing = (name: string, file?: string): TestFailure => ({ name, ...(file ? { file } : {}), message: 'failed' });
const BASELINE = [
  failing('greets by name', 'test/greet.test.js'),
  failing('dates > parses ISO dates', 'test/date.test.js'),
  failing('adds', 'test/sum.test.js'),
];

describe('defaultTargetTests', () => {
  it('takes the failing tests the prompt names, by full name, nested leaf or file', () => {
    expect(defaultTargetTests('The "greets by name" test is wrong', BASELINE)).toEqual([
      { name: 'greets by name', file: 'test/greet.test.js' },
    ]);
    expect(defaultTargetTests('Fix: parses ISO dates breaks on leap days', BASELINE)).toEqual([
      { name: 'dates > parses ISO dates', file: 'test/date.test.js' },
    ]);
    expect(defaultTargetTests('test/sum.test.js is red since the refactor', BASELINE)).toEqual([
      { name: 'adds', file: 'test/sum.test.js' },
    ]);
  });

  it('prefers the mentioned tests over all failures when the prompt also asks to fix failing tests', () => {
    expect(defaultTargetTests('Fix the failing test "greets by name"', BASELINE).map((t) => t.name)).toEqual([
      'greets by name',
    ]);
  });

  it('takes every failing test when the prompt plainly asks to fix the failing tests', () => {
    for (const prompt of [
      'Fix the failing greeting test',
      'Please make the tests pass again',
      'fix the tests',
      'Repair the broken specs.',
    ]) {
      expect({ prompt, names: defaultTargetTests(prompt, BASELINE).map((t) => t.name) }).toEqual({
        prompt,
        names: ['greets by name', 'dates > parses ISO dates', 'adds'],
      });
    }
  });

  it('takes none when the prompt asks for something else', () => {
    expect(defaultTargetTests('Add a farewell function with tests', BASELINE)).toEqual([]);
    expect(defaultTargetTests('Rename the README', BASELINE)).toEqual([]);
  });

  it('does not take a short name that appears inside an ordinary sentence or a longer word', () => {
    expect(defaultTargetTests('Add an addsUp helper', BASELINE)).toEqual([]);
  });

  it('never takes a failure that stands for the whole run, which could never pass', () => {
    const run = [
      failing('command failed'),
      failing('Test suite failed to run', 'test/broken.test.js'),
      failing('package example.com/x'),
      failing('greets by name'),
    ];
    expect(defaultTargetTests('Fix the failing tests', run)).toEqual([{ name: 'greets by name' }]);
  });

  it('takes none when nothing failed on the base commit', () => {
    expect(defaultTargetTests('Fix the failing tests', [])).toEqual([]);
  });

  it('lists a test that failed twice under one name once', () => {
    expect(
      defaultTargetTests('Fix the failing tests', [failing('flaky', 'a.test.js'), failing('flaky', 'a.test.js')]),
    ).toEqual([{ name: 'flaky', file: 'a.test.js' }]);
  });
});
