import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseUnifiedDiff } from './parse-diff';

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
--- /dev/null
+++ b/README.md
@@ -0,0 +1,2 @@
+# Demo
+Says hello.
`;

test('a diff splits into files with +/- counts', () => {
  const files = parseUnifiedDiff(DIFF);
  assert.deepEqual(files.map((f) => [f.path, f.additions, f.deletions]), [['src/app.ts', 1, 1], ['README.md', 2, 0]]);
});

test('lines carry old and new line numbers from the hunk header', () => {
  const [app] = parseUnifiedDiff(DIFF);
  const body = app?.lines.filter((l) => l.kind !== 'meta' && l.kind !== 'hunk') ?? [];
  assert.deepEqual(body.map((l) => [l.kind, l.oldNumber, l.newNumber]), [
    ['context', 1, 1],
    ['del', 2, undefined],
    ['add', undefined, 2],
    ['context', 3, 3],
  ]);
});

test('an empty diff has no files', () => {
  assert.deepEqual(parseUnifiedDiff(''), []);
});
