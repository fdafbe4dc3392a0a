import {
  compilePathGlob,
  createPathMatcher,
  matchesPathGlob,
  normaliseRepositoryPath,
  validatePathGlob,
} from './path-glob';

describe('path patterns', () => {
  it.each([
    // pattern, path, matches
    ['dist', 'dist/index.js', true],
    ['dist/', 'dist/a/b.js', true],
    ['dist', 'dist', true],
    ['dist', 'src/dist/index.js', true],
    ['dist', 'distribution/index.js', false],
    ['*.min.js', 'public/vendor/jquery.min.js', true],
    ['*.min.js', 'src/min.js', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/nested/a.ts', false],
    ['src/*.ts', 'lib/src/a.ts', false],
    ['src/**', 'src/a/b/c.ts', true],
    ['src/**', 'src', false],
    ['**/*.snap', 'a/__snapshots__/x.test.ts.snap', true],
    ['**/*.snap', 'x.snap', true],
    ['fixtures/**/big.json', 'fixtures/big.json', true],
    ['fixtures/**/big.json', 'fixtures/a/b/big.json', true],
    ['fixtures/**/big.json', 'other/fixtures/big.json', false],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file10.txt', false],
    ['file?.txt', 'file/.txt', false],
    ['pages/[id].tsx', 'pages/[id].tsx', true],
    ['pages/[id].tsx', 'pages/i.tsx', false],
    ['a+b(c).md', 'a+b(c).md', true],
    ['./migrations', 'migrations/0001.sql', true],
    ['.env*', 'config/.env.local', true],
  ])('%s against %s → %s', (glob, path, expected) => {
    expect(matchesPathGlob(path, glob)).toBe(expected);
  });

  it('normalises the paths it is given', () => {
    expect(normaliseRepositoryPath('./src\\a.ts')).toBe('src/a.ts');
    expect(normaliseRepositoryPath('src/dir/')).toBe('src/dir');
    expect(matchesPathGlob('.\\dist\\x.js', 'dist')).toBe(true);
  });

  it('combines patterns into one predicate', () => {
    const excluded = createPathMatcher(['dist/', '**/*.min.js']);
    expect(['dist/a.js', 'web/x.min.js', 'src/a.ts'].filter(excluded)).toEqual(['dist/a.js', 'web/x.min.js']);
    expect(createPathMatcher([])('anything')).toBe(false);
  });

  it.each([
    ['', 'must not be empty'],
    [' dist', 'must not start or end with whitespace'],
    ['!dist', 'negated patterns ("!…") are not supported; list only what to exclude'],
    ['src\\a', 'must use "/" as the path separator'],
    ['/etc/passwd', 'must be relative to the repository root (no leading "/")'],
    ['src/../../etc', 'must stay inside the repository (no ".." segment)'],
    ['src//a', 'must not contain an empty path segment ("//")'],
    ['src/a**', '"**" must be a whole path segment, e.g. "src/**" or "**/*.snap"'],
    ['x'.repeat(501), 'must be at most 500 characters'],
  ])('refuses %j: %s', (glob, problem) => {
    expect(validatePathGlob(glob)).toBe(problem);
    expect(() => compilePathGlob(glob)).toThrow(problem);
  });

  it.each(['dist/', '**/*.snap', 'src/**', 'pages/[id].tsx', './docs'])('accepts %j', (glob) => {
    expect(validatePathGlob(glob)).toBeUndefined();
  });
});
