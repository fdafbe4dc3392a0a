import { isTestFile, pairTests } from './test-pairing';

describe('test pairing', () => {
  it('recognises test files of each language', () => {
    for (const path of [
      'src/a.spec.ts',
      'src/a.test.js',
      'libs/x/y.integration-spec.ts',
      'tests/test_views.py',
      'app/views_test.py',
      'db/db_test.go',
      'src/test/java/FooTest.java',
      'src/__tests__/a.ts',
    ]) {
      expect(isTestFile(path)).toBe(true);
    }
    for (const path of ['src/a.ts', 'src/contest.ts', 'app/testing_utils.py', 'src/Test.java'])
      expect(isTestFile(path)).toBe(false);
  });

  it('pairs by name (nearest directory first) and falls back to the imports of a test', () => {
    const files = [
      'src/a.ts',
      'src/a.spec.ts',
      'lib/a.ts',
      'app/views.py',
      'tests/test_views.py',
      'db/db.go',
      'db/db_test.go',
      'src/flow.e2e-spec.ts',
      'src/flow-runner.ts',
      'other/index.ts',
      'pkg/index.ts',
      'tools/index.spec.ts',
    ];
    const imports: Record<string, string[]> = {
      'src/flow.e2e-spec.ts': ['src/flow-runner.ts', 'src/a.spec.ts'],
      'tools/index.spec.ts': ['pkg/index.ts'],
    };
    expect(pairTests(files, (path) => imports[path] ?? [])).toEqual({
      'src/a.spec.ts': ['src/a.ts'],
      'tests/test_views.py': ['app/views.py'],
      'db/db_test.go': ['db/db.go'],
      'src/flow.e2e-spec.ts': ['src/flow-runner.ts'],
      // Two unrelated index.ts files, none near the test: the test's import decides.
      'tools/index.spec.ts': ['pkg/index.ts'],
    });
  });
});
