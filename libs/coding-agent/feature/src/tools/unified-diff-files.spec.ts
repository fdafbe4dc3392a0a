import { diffFileChanges } from './unified-diff-files';

describe('diffFileChanges (the files apply_diff checks before and after git apply)', () => {
  it('reads git diff: changed, new, deleted and renamed files', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,2 +1,2 @@',
      ' export const a = 1;',
      '-export const b = 2;',
      '+export const b = 3;',
      'diff --git a/src/new.ts b/src/new.ts',
      'new file mode 100644',
      'index 0000000..3333333',
      '--- /dev/null',
      '+++ b/src/new.ts',
      '@@ -0,0 +1 @@',
      '+export const n = 1;',
      'diff --git a/src/gone.ts b/src/gone.ts',
      'deleted file mode 100644',
      'index 4444444..0000000',
      '--- a/src/gone.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-export const g = 1;',
      'diff --git a/src/old name.ts b/src/new name.ts',
      'similarity index 100%',
      'rename from src/old name.ts',
      'rename to src/new name.ts',
      'diff --git a/empty.txt b/empty.txt',
      'new file mode 100644',
      'index 0000000..e69de29',
      '',
    ].join('\n');
    expect(diffFileChanges(diff)).toEqual([
      { from: 'src/a.ts', to: 'src/a.ts' },
      { from: null, to: 'src/new.ts' },
      { from: 'src/gone.ts', to: null },
      { from: 'src/old name.ts', to: 'src/new name.ts' },
      { from: null, to: 'empty.txt' },
    ]);
  });

  it('never takes a hunk line for a file header', () => {
    // A removed SQL comment `-- x` and an added `++ y` read like headers outside a hunk.
    const diff = [
      '--- a/db/schema.sql',
      '+++ b/db/schema.sql',
      '@@ -1,2 +1,2 @@',
      '--- the users table',
      '+++ the users table (v2)',
      ' CREATE TABLE users (id int);',
      '',
    ].join('\n');
    expect(diffFileChanges(diff)).toEqual([{ from: 'db/schema.sql', to: 'db/schema.sql' }]);
  });

  it('reads diff -u output: timestamps after a tab, one file after another, a missing newline marker', () => {
    const diff = [
      '--- a/lib/one.js\t2024-05-01 10:00:00.000000000 +0200',
      '+++ b/lib/one.js\t2024-05-01 10:01:00.000000000 +0200',
      '@@ -1 +1 @@',
      '-exports.one = 1;',
      '\\ No newline at end of file',
      '+exports.one = 1.0;',
      '\\ No newline at end of file',
      '--- a/lib/two.js',
      '+++ b/lib/two.js',
      '@@ -1 +1 @@',
      '-exports.two = 2;',
      '+exports.two = 2.0;',
    ].join('\r\n');
    expect(diffFileChanges(diff)).toEqual([
      { from: 'lib/one.js', to: 'lib/one.js' },
      { from: 'lib/two.js', to: 'lib/two.js' },
    ]);
  });

  it('names files as git apply -p1 does, and undoes git quoting', () => {
    const diff = [
      'diff --git "a/docs/caf\\303\\251 \\"menu\\".md" "b/docs/caf\\303\\251 \\"menu\\".md"',
      '--- "a/docs/caf\\303\\251 \\"menu\\".md"',
      '+++ "b/docs/caf\\303\\251 \\"menu\\".md"',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      // No a/ b/ prefix: -p1 still drops the first component, as git apply will.
      '--- src/app.py',
      '+++ src/app.py',
      '@@ -1 +1 @@',
      '-x = 1',
      '+x = 2',
      // A name with a space ends at the tab git writes after it.
      '--- a/my file.go\t',
      '+++ b/my file.go\t',
      '@@ -1 +1 @@',
      '-package a',
      '+package b',
    ].join('\n');
    expect(diffFileChanges(diff)).toEqual([
      { from: 'docs/café "menu".md', to: 'docs/café "menu".md' },
      { from: 'app.py', to: 'app.py' },
      { from: 'my file.go', to: 'my file.go' },
    ]);
  });

  it('finds no file in text that is not a diff', () => {
    expect(diffFileChanges('please change line 3 of src/a.ts')).toEqual([]);
  });
});
