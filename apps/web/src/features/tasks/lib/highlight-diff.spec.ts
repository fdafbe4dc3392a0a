import assert from 'node:assert/strict';
import { test } from 'node:test';
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
  return nodes.flatMap((node) => [...((node['properties'] as { className?: string[] } | undefined)?.className ?? []), ...classesOf(node.children ?? [])]);
}

test('a known language yields Prism token classes and marks the edit', () => {
  const [file] = diffFiles(DIFF);
  const tokens = highlightHunks(file?.data.hunks ?? [], 'javascript');
  assert.ok(tokens);
  const added = classesOf(tokens.new[0] ?? []);
  assert.ok(added.includes('template-string'), `no template-string token in ${added.join(' ')}`);
  assert.ok(tokens.new[0]?.some((node) => node.type === 'edit'), 'the changed part is not marked as an edit');
});

test('an unknown or missing language still marks edits, without syntax classes', () => {
  const [file] = diffFiles(DIFF);
  const tokens = highlightHunks(file?.data.hunks ?? [], null);
  assert.ok(tokens);
  assert.deepEqual(classesOf(tokens.new[0] ?? []).filter((name) => name === 'token'), []);
  assert.equal(highlightHunks([], 'javascript'), null);
});
