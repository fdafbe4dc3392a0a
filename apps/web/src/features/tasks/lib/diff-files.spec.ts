import { diffFiles, languageOf } from './diff-files';

const DIFF = `diff --git a/src/app.ts b/src/app.ts
index 1111111..2222222 100644
--- a/src/app.ts
+++ b/src/app.ts
@@ -1,3 +1,3 @@
 export function greet() {
-  return 'hi';
+  return 'Hello';
 }
diff --git a/README.md b/README.md
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/README.md
@@ -0,0 +1,2 @@
+# Demo
+Says hello.
diff --git a/old.txt b/old.txt
deleted file mode 100644
index 4444444..0000000
--- a/old.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
`;

test('a diff splits into files with +/- counts and kinds', () => {
  const files = diffFiles(DIFF);
  expect(files.map((f) => [f.path, f.type, f.additions, f.deletions])).toStrictEqual([
    ['src/app.ts', 'modify', 1, 1],
    ['README.md', 'add', 2, 0],
    ['old.txt', 'delete', 0, 1],
  ]);
  expect(new Set(files.map((f) => f.key)).size).toBe(3);
});

test('lines carry old and new line numbers from the hunk header', () => {
  const [app] = diffFiles(DIFF);
  const changes = app?.data.hunks[0]?.changes ?? [];
  expect(
    changes.map((c) => (c.type === 'normal' ? [c.type, c.oldLineNumber, c.newLineNumber] : [c.type, c.lineNumber])),
  ).toStrictEqual([
    ['normal', 1, 1],
    ['delete', 2],
    ['insert', 2],
    ['normal', 3, 3],
  ]);
});

test('a rename names the previous path', () => {
  const [renamed] = diffFiles(
    'diff --git a/a.txt b/b.txt\nsimilarity index 100%\nrename from a.txt\nrename to b.txt\n',
  );
  expect(renamed?.path).toBe('b.txt');
  expect(renamed?.previousPath).toBe('a.txt');
});

test('an empty diff has no files', () => {
  expect(diffFiles('')).toStrictEqual([]);
  expect(diffFiles('\n')).toStrictEqual([]);
});

test('the highlighting language comes from the file name', () => {
  expect(languageOf('src/greet.js')).toBe('javascript');
  expect(languageOf('apps/web/src/app.tsx')).toBe('tsx');
  expect(languageOf('Dockerfile')).toBe('docker');
  expect(languageOf('docs/README.MD')).toBe('markdown');
  expect(languageOf('LICENSE')).toBeNull();
  expect(languageOf('.gitignore')).toBeNull();
  expect(languageOf('data.unknownext')).toBeNull();
});
