import assert from 'node:assert/strict';
import { test } from 'node:test';
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
  assert.deepEqual(files.map((f) => [f.path, f.type, f.additions, f.deletions]), [
    ['src/app.ts', 'modify', 1, 1],
    ['README.md', 'add', 2, 0],
    ['old.txt', 'delete', 0, 1],
  ]);
  assert.equal(new Set(files.map((f) => f.key)).size, 3);
});

test('lines carry old and new line numbers from the hunk header', () => {
  const [app] = diffFiles(DIFF);
  const changes = app?.data.hunks[0]?.changes ?? [];
  assert.deepEqual(changes.map((c) => (c.type === 'normal' ? [c.type, c.oldLineNumber, c.newLineNumber] : [c.type, c.lineNumber])), [
    ['normal', 1, 1],
    ['delete', 2],
    ['insert', 2],
    ['normal', 3, 3],
  ]);
});

test('a rename names the previous path', () => {
  const [renamed] = diffFiles('diff --git a/a.txt b/b.txt\nsimilarity index 100%\nrename from a.txt\nrename to b.txt\n');
  assert.equal(renamed?.path, 'b.txt');
  assert.equal(renamed?.previousPath, 'a.txt');
});

test('an empty diff has no files', () => {
  assert.deepEqual(diffFiles(''), []);
  assert.deepEqual(diffFiles('\n'), []);
});

test('the highlighting language comes from the file name', () => {
  assert.equal(languageOf('src/greet.js'), 'javascript');
  assert.equal(languageOf('apps/web/src/app.tsx'), 'tsx');
  assert.equal(languageOf('Dockerfile'), 'docker');
  assert.equal(languageOf('docs/README.MD'), 'markdown');
  assert.equal(languageOf('LICENSE'), null);
  assert.equal(languageOf('.gitignore'), null);
  assert.equal(languageOf('data.unknownext'), null);
});
