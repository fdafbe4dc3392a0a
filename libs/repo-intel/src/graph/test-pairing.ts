import { basenameOf, dirnameOf } from './repo-paths';

// Test file naming conventions: JS/TS (`.spec`, `.test`, `.integration-spec`, `.e2e-spec`),
// Python (`test_x.py`, `x_test.py`), Go (`x_test.go`), Java (`XTest`, `XTests`, `XIT`).
const TEST_NAME =
  /(\.(spec|test|integration-spec|e2e-spec|e2e|int-spec)\.[cm]?[jt]sx?$)|(^test_.+\.py$)|(_test\.(py|go)$)|(^\w+(Test|Tests|IT)\.java$)/;
const TEST_DIRECTORY = /(^|\/)(__tests__|tests?|spec|e2e)\//;

export function isTestFile(path: string): boolean {
  return TEST_NAME.test(basenameOf(path)) || TEST_DIRECTORY.test(path);
}

/** The name a test file's subject most likely has, without test markers and extension. */
export function testSubjectStem(path: string): string {
  return basenameOf(path)
    .replace(/\.(spec|test|integration-spec|e2e-spec|e2e|int-spec)(?=\.[cm]?[jt]sx?$)/, '')
    .replace(/^test_/, '')
    .replace(/_test(?=\.(py|go)$)/, '')
    .replace(/(Test|Tests|IT)(?=\.java$)/, '')
    .replace(/\.[^.]+$/, '')
    .replace(/\.d$/, '');
}

/**
 * Pairs each test file with the source files it tests: first by name (`x.spec.ts` ↔ `x.ts`,
 * `test_x.py` ↔ `x.py`, nearest directory first, so `tests/` mirrors of `src/` pair too), and
 * when no file has its subject's name, by what the test imports from the repository.
 */
export function pairTests(
  sourceFiles: readonly string[],
  importsOf: (path: string) => readonly string[],
): Record<string, string[]> {
  const byStem = new Map<string, string[]>();
  for (const path of sourceFiles) {
    if (isTestFile(path)) continue;
    const stem = basenameOf(path)
      .replace(/\.[^.]+$/, '')
      .replace(/\.d$/, '');
    const list = byStem.get(stem);
    if (list) list.push(path);
    else byStem.set(stem, [path]);
  }
  const pairs: Record<string, string[]> = {};
  for (const test of sourceFiles) {
    if (!isTestFile(test)) continue;
    const extension = test.slice(test.lastIndexOf('.'));
    const named = (byStem.get(testSubjectStem(test)) ?? []).filter((path) =>
      sameFamily(path.slice(path.lastIndexOf('.')), extension),
    );
    const subject = closest(test, named);
    if (subject) {
      pairs[test] = [subject];
      continue;
    }
    const imported = importsOf(test).filter((path) => !isTestFile(path));
    if (imported.length > 0) pairs[test] = [...new Set(imported)].sort();
  }
  return pairs;
}

function sameFamily(a: string, b: string): boolean {
  const family = (ext: string) => (/^\.[cm]?[jt]sx?$/.test(ext) ? 'script' : ext);
  return family(a) === family(b);
}

/**
 * The candidate sharing the longest directory prefix with the test, ties broken by path; null
 * when several files have the name and none shares a directory with the test (an unrelated
 * `index.ts` elsewhere is no subject).
 */
function closest(test: string, candidates: string[]): string | null {
  if (candidates.length === 0) return null;
  const testDirs = dirnameOf(test).split('/');
  const score = (path: string) => {
    const dirs = dirnameOf(path).split('/');
    let shared = 0;
    while (shared < dirs.length && shared < testDirs.length && dirs[shared] === testDirs[shared]) shared++;
    return shared;
  };
  const best = [...candidates].sort((a, b) => score(b) - score(a) || (a < b ? -1 : a > b ? 1 : 0))[0];
  return candidates.length === 1 || score(best) > 0 ? best : null;
}
