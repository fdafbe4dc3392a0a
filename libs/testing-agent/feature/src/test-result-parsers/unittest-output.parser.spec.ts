import { readFixture } from '../testing/fixtures';
import { parseUnittestOutput } from './unittest-output.parser';

describe('parseUnittestOutput (Python 3.11)', () => {
  it('names every test with -v, as pytest would (Class::method in the module’s file), with each failure’s traceback', () => {
    const run = parseUnittestOutput(readFixture('unittest/verbose-py311.stderr'));
    expect(run).toMatchObject({ passed: 2, failed: 2, skipped: 1, resultDetail: 'per_test' });
    expect(run?.failures.map((f) => [f.name, f.file])).toEqual([
      ['TestCalc::test_error', 'tests/test_calc.py'],
      ['TestCalc::test_mul', 'tests/test_calc.py'],
    ]);
    expect(run?.failures[1].message).toContain('AssertionError: 7 != 12');
    // A docstring moves the result to the next line.
    expect(run?.passedTests).toEqual([
      { name: 'TestCalc::test_mul_one', file: 'tests/test_calc.py' },
      { name: 'TestMore::test_truth', file: 'tests/test_more.py' },
    ]);
  });

  it('without -v names the failures and counts the passes', () => {
    const run = parseUnittestOutput(readFixture('unittest/quiet-py311.stderr'));
    expect(run).toMatchObject({ passed: 2, failed: 2, skipped: 1, resultDetail: 'counts' });
    expect(run?.failures.map((f) => f.name)).toEqual(['TestCalc::test_error', 'TestCalc::test_mul']);
  });

  it('reads the older format (module.Class), subtests and modules that failed to import', () => {
    const output = [
      'test_add (tests.test_calc.TestCalc) ... ok',
      'test_broken (unittest.loader._FailedTest.test_broken) ... ERROR',
      '',
      '======================================================================',
      'ERROR: test_broken (unittest.loader._FailedTest.test_broken)',
      '----------------------------------------------------------------------',
      'ImportError: Failed to import test module: test_broken',
      '',
      '======================================================================',
      'FAIL: test_add (tests.test_calc.TestCalc) (n=2)',
      '----------------------------------------------------------------------',
      'AssertionError: 3 != 4',
      '',
      '----------------------------------------------------------------------',
      'Ran 2 tests in 0.001s',
      '',
      'FAILED (failures=1, errors=1)',
    ].join('\n');
    const run = parseUnittestOutput(output);
    expect(run?.failures.map((f) => [f.name, f.file])).toEqual([
      ['test_broken', 'test_broken.py'],
      ['TestCalc::test_add (n=2)', 'tests/test_calc.py'],
    ]);
    expect(parseUnittestOutput('nothing to see')).toBeNull();
  });
});
