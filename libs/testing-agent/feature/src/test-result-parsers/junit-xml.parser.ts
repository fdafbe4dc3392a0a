import type { TestFailure, TestId } from '@patchbay/contracts';
import { failure, passedTest, toRepositoryPath, type ParsedTestRun } from './parsed-test-run';
import { descendants, readXmlElements, type XmlElement } from './xml-reader';

export type JUnitFlavour = 'pytest' | 'generic';

/**
 * Reads JUnit XML (pytest's `--junitxml`, Maven Surefire's TEST-*.xml): every `<testcase>` with a
 * `<failure>` or `<error>` child failed, with a `<skipped>` child was skipped, otherwise passed.
 * pytest names tests as its node ids do (`TestClass::test_name`, file separately); other
 * producers as `ClassName.method`. Throws XmlSyntaxError on malformed XML; null when there are no
 * test cases and no suites, i.e. not a JUnit report.
 */
export function parseJUnitXml(xml: string, flavour: JUnitFlavour = 'generic'): ParsedTestRun | null {
  const roots = readXmlElements(xml);
  const cases = roots.flatMap((root) => descendants(root, 'testcase'));
  if (cases.length === 0 && !roots.some((root) => root.name === 'testsuites' || root.name === 'testsuite')) return null;
  let passed = 0;
  let skipped = 0;
  const failures: TestFailure[] = [];
  const passedTests: TestId[] = [];
  for (const testCase of cases) {
    const problem = testCase.children.find((child) => child.name === 'failure' || child.name === 'error');
    const identity = () => (flavour === 'pytest' ? pytestIdentity(testCase) : genericIdentity(testCase));
    if (problem) {
      const { name, file } = identity();
      failures.push(failure(name, file, problemText(problem)));
    } else if (testCase.children.some((child) => child.name === 'skipped')) skipped += 1;
    else {
      passed += 1;
      const { name, file } = identity();
      passedTests.push(passedTest(name, file));
    }
  }
  return { passed, failed: failures.length, skipped, failures, passedTests };
}

function problemText(problem: XmlElement): string {
  const message = problem.attributes.message ?? '';
  const body = problem.text.trim();
  if (!message) return body || problem.name;
  return body && !body.startsWith(message) ? `${message}\n\n${body}` : body || message;
}

function pytestIdentity(testCase: XmlElement): { name: string; file: string | undefined } {
  const classname = testCase.attributes.classname ?? '';
  const name = testCase.attributes.name ?? '(unnamed test)';
  const fileAttribute = toRepositoryPath(testCase.attributes.file);
  const modulePath = fileAttribute ? fileAttribute.replace(/\.py$/, '').split('/').join('.') : moduleOf(classname);
  const classPart = classname.startsWith(`${modulePath}.`) ? classname.slice(modulePath.length + 1) : '';
  const file = fileAttribute ?? (modulePath ? `${modulePath.split('.').join('/')}.py` : undefined);
  return { name: classPart ? `${classPart.split('.').join('::')}::${name}` : name, file };
}

/**
 * Without a `file` attribute (pytest's default xunit2 family) the module is the classname up to
 * the first segment that looks like a class (CapitalisedName), as pytest test classes are.
 */
function moduleOf(classname: string): string {
  const segments = classname.split('.').filter(Boolean);
  const firstClass = segments.findIndex((segment) => segment[0] >= 'A' && segment[0] <= 'Z');
  return (firstClass < 0 ? segments : segments.slice(0, firstClass)).join('.');
}

function genericIdentity(testCase: XmlElement): { name: string; file: string | undefined } {
  const classname = testCase.attributes.classname ?? '';
  const name = testCase.attributes.name ?? '(unnamed test)';
  return { name: classname ? `${classname}.${name}` : name, file: toRepositoryPath(testCase.attributes.file) };
}
