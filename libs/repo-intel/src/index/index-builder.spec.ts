import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPolyglotFixture, FIXTURE_INDEX_OPTIONS, SECRET_OUTSIDE_WORD } from '../testing/polyglot-fixture';
import { decodeCounts } from '../terms/count-table';
import { buildIndex } from './index-builder';
import type { RepoIndex } from './repo-index';

describe('buildIndex', () => {
  const fixture = createPolyglotFixture();
  let index: RepoIndex;

  beforeAll(async () => {
    // Change the working tree after the commit: the index must not see it.
    writeFileSync(join(fixture.repo.path, 'src/util.ts'), 'export const workingTreeOnlyMarker = 1;\n');
    index = (await buildIndex(fixture.repo.path, fixture.first, FIXTURE_INDEX_OPTIONS)).index;
  });
  afterAll(() => fixture.cleanup());

  const file = (path: string) => {
    const found = index.files.find((f) => f.path === path);
    if (!found) throw new Error(`${path} is not in the index`);
    return found;
  };

  it('records every tree entry and excludes each non-source file with its reason', () => {
    const reasons = Object.fromEntries(index.files.filter((f) => f.excluded).map((f) => [f.path, f.excluded]));
    expect(reasons).toEqual({
      'links/outside.ts': 'symlink',
      'links/inside.ts': 'symlink',
      'assets/logo.png': 'binary',
      'assets/data.bin': 'binary',
      'public/app.min.js': 'minified',
      'public/bundle.js': 'minified',
      'src/generated/api.ts': 'generated',
      'src/schema.ts': 'generated',
      'package-lock.json': 'lockfile',
      'vendor/lib.js': 'vendored',
      'dist/out.js': 'generated',
      'build-output/app.js': 'ignored',
      'fixtures/sample.ts': 'ignored',
      'docs/big.md': 'too-large',
    });
    expect(file('src/app.ts')).toMatchObject({ kind: 'file', language: 'typescript', excluded: null });
  });

  it('never follows a symlink: neither the target outside the repository nor the one inside is read through it', () => {
    for (const path of ['links/outside.ts', 'links/inside.ts']) {
      expect(file(path).kind).toBe('symlink');
      expect(file(path).content).toBeUndefined();
    }
    const allWords = index.files.flatMap((f) => [...decodeCounts(f.content?.words ?? '').keys()]);
    expect(allWords).not.toContain(SECRET_OUTSIDE_WORD);
  });

  it('reads content from the commit, not from the working tree', () => {
    const words = decodeCounts(file('src/util.ts').content?.words ?? '');
    expect(words.get('normalise')).toBe(2);
    expect(words.has('workingTreeOnlyMarker')).toBe(false);
  });

  it('resolves relative (nodenext .js), tsconfig alias, workspace package, Python, Go and Java imports', () => {
    expect(index.importTargets['src/app.ts']).toEqual([
      ['src/util.ts'],
      ['config/settings.ts'],
      ['packages/shared/index.js'],
    ]);
    expect(index.importTargets['py/shop/service.py']).toEqual([['py/shop/models.py'], ['py/shop/models.py']]);
    expect(index.importTargets['py/tests/test_service.py']).toEqual([['py/shop/service.py']]);
    expect(index.importTargets['cmd/shop/main.go']).toEqual([['internal/store/store.go']]);
    expect(index.importTargets['java/src/com/shop/billing/Biller.java']).toEqual([
      ['java/src/com/shop/model/Invoice.java'],
    ]);
  });

  it('pairs tests with the sources they test', () => {
    expect(index.testsOf).toEqual({
      'src/app.spec.ts': ['src/app.ts'],
      'py/tests/test_service.py': ['py/shop/service.py'],
    });
  });

  it('builds incrementally from the parent to exactly the full index, re-reading only new blobs', async () => {
    const { repo } = fixture;
    repo.git('checkout', '-q', '--', 'src/util.ts');
    repo
      .write({
        'src/util.ts': 'export function normalise(text: string): string {\n  return text.trim().toLowerCase();\n}\n',
        'config/settings/index.ts': "export const settings = { name: 'moved' };\n",
        'py/shop/model.py': 'class Invoice:\n    def total(self):\n        return 1\n',
        'py/shop/service.py':
          'from .model import Invoice\n\ndef bill_customer(customer):\n    return Invoice().total()\n',
        'src/added.ts': "import { normalise } from './util';\nexport const added = normalise('x');\n",
        '.gitignore': '*.log\nbuild-output/\nsrc/app.spec.ts\n',
        'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["config/*"] } } }\n',
      })
      .remove('config/settings.ts', 'py/shop/models.py');
    const second = repo.commit('Move settings and the Python model; ignore the spec');

    const full = await buildIndex(repo.path, second, FIXTURE_INDEX_OPTIONS);
    const incremental = await buildIndex(repo.path, second, FIXTURE_INDEX_OPTIONS, index);
    expect(incremental.index).toEqual(full.index);
    expect(JSON.stringify(incremental.index)).toBe(JSON.stringify(full.index));
    expect(incremental.report.mode).toBe('incremental');
    // The seven new blobs: util.ts, settings/index.ts, model.py, service.py, added.ts,
    // tsconfig.json and .gitignore (a text file like any other besides being configuration).
    expect(incremental.report.analysedFiles).toBe(7);
    expect(full.report.analysedFiles).toBeGreaterThan(20);

    expect(full.index.importTargets['src/app.ts']).toEqual([
      ['src/util.ts'],
      ['config/settings/index.ts'],
      ['packages/shared/index.js'],
    ]);
    expect(full.index.files.find((f) => f.path === 'src/app.spec.ts')?.excluded).toBe('ignored');
    expect(full.index.testsOf).toEqual({ 'py/tests/test_service.py': ['py/shop/service.py'] });
  });

  it('does not reuse records built with other options', async () => {
    const options = { ...FIXTURE_INDEX_OPTIONS, maxFileBytes: 1024 * 1024 };
    const other = await buildIndex(fixture.repo.path, fixture.first, options, index);
    const fresh = await buildIndex(fixture.repo.path, fixture.first, options);
    expect(other.report.analysedFiles).toBe(fresh.report.analysedFiles);
    expect(other.index.files.find((f) => f.path === 'docs/big.md')?.excluded).toBeNull();
  });
});
