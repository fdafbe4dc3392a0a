import type { TokenNode } from 'react-diff-view';
import { diffFiles } from './diff-files';
import { highlightHunks } from './highlight-diff';

const DIFF = `diff --git a/src/greet.js b/src/greet.js
--- a/src/greet.js
+++ b/src/greet.js
@@ -1 +1 @@
-exports.greet = (name) => 'hi ' + name;
+exports.greet = (name) => \`Hello, \${name}!\`;
`;

function classesOf(nodes: TokenNode[]): string[] {
  return nodes.flatMap((node) => [
    ...((node['properties'] as { className?: string[] } | undefined)?.className ?? []),
    ...classesOf(node.children ?? []),
  ]);
}

test('a known language yields Prism token classes and marks the edit', () => {
  const [file] = diffFiles(DIFF);
  const tokens = highlightHunks(file?.data.hunks ?? [], 'javascript');
  if (!tokens) throw new Error('no tokens for a non-empty diff');
  const added = classesOf(tokens.new[0] ?? []);
  expect(added).toContain('template-string');
  // The changed part is marked as an edit.
  expect(tokens.new[0]?.some((node) => node.type === 'edit')).toBe(true);
});

test('an unknown or missing language still marks edits, without syntax classes', () => {
  const [file] = diffFiles(DIFF);
  const tokens = highlightHunks(file?.data.hunks ?? [], null);
  if (!tokens) throw new Error('no tokens for a non-empty diff');
  expect(classesOf(tokens.new[0] ?? []).filter((name) => name === 'token')).toStrictEqual([]);
  expect(highlightHunks([], 'javascript')).toBeNull();
});
