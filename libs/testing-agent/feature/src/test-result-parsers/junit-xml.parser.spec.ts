import { readFixture } from '../testing/fixtures';
import { parseJUnitXml } from './junit-xml.parser';
import { XmlSyntaxError } from './xml-reader';

describe('parseJUnitXml', () => {
  it('reads pytest’s report with files (xunit1): failures, errors, skips and xfails', () => {
    const run = parseJUnitXml(readFixture('pytest-xunit1.xml'), 'pytest');
    expect(run).toMatchObject({ passed: 3, skipped: 2, failed: 3 });
    expect(run?.failures.map((f) => [f.name, f.file])).toEqual([
      ['test_fails', 'tests/test_calc.py'],
      ['test_error', 'tests/test_calc.py'],
      ['TestGroup::test_param[2-3-7]', 'tests/test_calc.py'],
    ]);
    expect(run?.failures[1].message).toContain('RuntimeError: fixture <broken> & failed');
    expect(run?.failures[0].message).toContain('assert 4 == 5');
  });

  it('gives the same identities for pytest’s default report, which has no file attribute', () => {
    const withFiles = parseJUnitXml(readFixture('pytest-xunit1.xml'), 'pytest')?.failures.map((f) => [f.name, f.file]);
    const withoutFiles = parseJUnitXml(readFixture('pytest-xunit2.xml'), 'pytest')?.failures.map((f) => [
      f.name,
      f.file,
    ]);
    expect(withoutFiles).toEqual(withFiles);
  });

  it('names the tests that passed as a failure of them would be named, for target tests', () => {
    expect(parseJUnitXml(readFixture('pytest-xunit2.xml'), 'pytest')?.passedTests).toEqual([
      { name: 'test_mul', file: 'tests/test_calc.py' },
      { name: 'TestGroup::test_in_class', file: 'tests/test_calc.py' },
      { name: 'TestGroup::test_param[1-2-2]', file: 'tests/test_calc.py' },
    ]);
  });

  it('reports a module that failed to import', () => {
    const run = parseJUnitXml(readFixture('pytest-collection-error.xml'), 'pytest');
    expect(run?.failures.map((f) => [f.name, f.file])).toEqual([['tests.test_broken', 'tests/test_broken.py']]);
    expect(run?.failures[0].message).toContain('No module named');
  });

  it('names generic (Surefire) cases ClassName.method and reads several reports at once', () => {
    const surefire = (cls: string, body: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="${cls}" tests="2">${body}</testsuite>\n`;
    const xml =
      surefire(
        'com.acme.CalcTest',
        '<testcase name="adds" classname="com.acme.CalcTest" time="0.01"/><testcase name="divides" classname="com.acme.CalcTest"><failure message="expected: &lt;2&gt; but was: &lt;3&gt;" type="org.opentest4j.AssertionFailedError">trace</failure></testcase>',
      ) + surefire('com.acme.IoTest', '<testcase name="reads" classname="com.acme.IoTest"><skipped/></testcase>');
    const run = parseJUnitXml(xml);
    expect(run).toMatchObject({ passed: 1, skipped: 1, failed: 1 });
    expect(run?.failures[0]).toEqual({
      name: 'com.acme.CalcTest.divides',
      message: 'expected: <2> but was: <3>\n\ntrace',
    });
  });

  it('throws on a truncated report', () => {
    expect(() => parseJUnitXml(readFixture('pytest-xunit1.xml').slice(0, 500), 'pytest')).toThrow(XmlSyntaxError);
  });
});
