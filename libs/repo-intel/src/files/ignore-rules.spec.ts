import { GitAttributes } from './git-attributes';
import { IgnoreRules } from './ignore-rules';

describe('IgnoreRules', () => {
  const rules = new IgnoreRules([
    {
      path: '.gitignore',
      content: '# comment\n*.log\n!keep.log\n/root-only.txt\nbuild/\ndocs/**/draft-*.md\n\\#hash\n',
    },
    { path: 'pkg/.gitignore', content: 'local.ts\n!*.log\n' },
  ]);

  it.each([
    ['app.log', true],
    ['nested/deep/app.log', true],
    ['keep.log', false],
    ['root-only.txt', true],
    ['sub/root-only.txt', false],
    ['build/out.js', true],
    ['src/build/out.js', true],
    ['build', false],
    ['docs/a/b/draft-1.md', true],
    ['docs/final.md', false],
    ['#hash', true],
    ['pkg/local.ts', true],
    ['other/local.ts', false],
    ['pkg/debug.log', false],
  ])('%s ignored: %s', (path, ignored) => {
    expect(rules.ignores(path)).toBe(ignored);
  });

  it('cannot re-include a file inside an excluded directory, as in git', () => {
    const reinclude = new IgnoreRules([{ path: '.gitignore', content: 'out/\n!out/keep.ts\n' }]);
    expect(reinclude.ignores('out/keep.ts')).toBe(true);
  });

  it('applies extra patterns given by the caller before the repository files', () => {
    const extra = new IgnoreRules([{ path: '.gitignore', content: '!generated.ts\n' }], ['generated.ts', 'fixtures/']);
    expect(extra.ignores('generated.ts')).toBe(false);
    expect(extra.ignores('a/fixtures/x.ts')).toBe(true);
  });
});

describe('GitAttributes', () => {
  it('marks linguist-generated and linguist-vendored files, later and deeper rules winning', () => {
    const attributes = new GitAttributes([
      {
        path: '.gitattributes',
        content: '*.pb.ts linguist-generated\nthird/** linguist-vendored\nthird/own/** -linguist-vendored\n',
      },
      {
        path: 'api/.gitattributes',
        content: 'client.ts linguist-generated=true\nkeep.pb.ts linguist-generated=false\n',
      },
    ]);
    expect(attributes.markOf('src/x.pb.ts')).toBe('generated');
    expect(attributes.markOf('api/client.ts')).toBe('generated');
    expect(attributes.markOf('api/keep.pb.ts')).toBeNull();
    expect(attributes.markOf('third/lib/a.js')).toBe('vendored');
    expect(attributes.markOf('third/own/a.js')).toBeNull();
    expect(attributes.markOf('src/client.ts')).toBeNull();
  });
});
