import { parseAddedLines } from './added-lines.parser';

describe('parseAddedLines', () => {
  it('numbers added lines by the new file, skipping removed lines and counting context', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -10,4 +10,4 @@ export class A {',
      '   one();',
      '-  two();',
      '+  twoAgain();',
      '   three();',
      '+  four();',
      '-  five();',
      '',
    ].join('\n');

    expect(parseAddedLines(diff)).toEqual([
      {
        path: 'src/a.ts',
        lines: [
          { line: 11, text: '  twoAgain();' },
          { line: 13, text: '  four();' },
        ],
      },
    ]);
  });

  it('reads hunk bodies by their counts, so header-looking content stays content', () => {
    const diff = [
      'diff --git a/notes.md b/notes.md',
      '--- a/notes.md',
      '+++ b/notes.md',
      '@@ -1,2 +1,2 @@',
      '--- a/old-heading',
      '+++ b/elsewhere.txt',
      ' context',
      '',
    ].join('\n');

    expect(parseAddedLines(diff)).toEqual([{ path: 'notes.md', lines: [{ line: 1, text: '++ b/elsewhere.txt' }] }]);
  });

  it('handles CRLF, omitted hunk counts and missing-newline markers', () => {
    const diff = [
      'diff --git a/a.txt b/a.txt',
      '--- a/a.txt',
      '+++ b/a.txt',
      '@@ -1 +1 @@',
      '-old',
      '\\ No newline at end of file',
      '+new',
      '\\ No newline at end of file',
      '',
    ].join('\r\n');

    expect(parseAddedLines(diff)).toEqual([{ path: 'a.txt', lines: [{ line: 1, text: 'new' }] }]);
  });

  it('takes paths from quoted headers, non-git headers with timestamps, and the git header as a fallback', () => {
    const diff = [
      'diff --git "a/caf\\303\\251 menu.txt" "b/caf\\303\\251 menu.txt"',
      '--- "a/caf\\303\\251 menu.txt"',
      '+++ "b/caf\\303\\251 menu.txt"',
      '@@ -0,0 +1 @@',
      '+espresso',
      '--- old/plain.txt\t2024-01-01 10:00:00.000000000 +0000',
      '+++ new/plain.txt\t2024-01-02 10:00:00.000000000 +0000',
      '@@ -0,0 +1 @@',
      '+plain',
      'diff --git a/no-plus-header.txt b/no-plus-header.txt',
      '@@ -0,0 +1 @@',
      '+orphan',
      '',
    ].join('\n');

    expect(parseAddedLines(diff).map(({ path }) => path)).toEqual([
      'café menu.txt',
      'new/plain.txt',
      'no-plus-header.txt',
    ]);
  });

  it('contributes nothing for deleted files and binary patches', () => {
    const diff = [
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-first',
      '-second',
      'diff --git a/logo.png b/logo.png',
      'new file mode 100644',
      'Binary files /dev/null and b/logo.png differ',
      '',
    ].join('\n');

    expect(parseAddedLines(diff)).toEqual([]);
  });
});
