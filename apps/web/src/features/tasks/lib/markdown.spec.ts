import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInline, parseMarkdown, safeHref } from './markdown';

/** A pull request body as the publish stage writes it (libs/pipeline/src/graphs/task/pull-request-body.ts). */
const BODY = [
  '## Summary',
  'Greet in **English** and _French_.',
  '',
  '## Plan',
  '1. Add `greet()`',
  '2. Test it',
  '',
  '## Tests',
  '| | passed | failed | skipped |',
  '|---|---|---|---|',
  '| before | 1 | 1 | 0 |',
  '| after | 2 | 0 | 0 |',
  '',
  '### Target tests',
  '| test | before | after |',
  '|---|---|---|',
  '| greets a \\| b | ❌ fails | ✅ passes |',
  '',
  '## Risks',
  '- None found: every target test passes.',
  '',
  '## Files changed',
  '- `src/greet.js`',
  '',
  '_Opened by Patchbay for @carol._',
].join('\n');

test('reads the sections of a pull request body: headings, ordered and bulleted lists, tables', () => {
  const blocks = parseMarkdown(BODY);
  assert.deepEqual(blocks.map((block) => block.kind), ['heading', 'paragraph', 'heading', 'list', 'heading', 'table', 'heading', 'table', 'heading', 'list', 'heading', 'list', 'paragraph']);
  const plan = blocks[3];
  assert.ok(plan?.kind === 'list');
  assert.equal(plan.ordered, true);
  assert.deepEqual(plan.items[0], [{ kind: 'text', text: 'Add ' }, { kind: 'code', text: 'greet()' }]);
  const tests = blocks[5];
  assert.ok(tests?.kind === 'table');
  assert.equal(tests.rows.length, 2);
  assert.deepEqual(tests.rows[1]?.[1], [{ kind: 'text', text: '2' }]);
  const targets = blocks[7];
  assert.ok(targets?.kind === 'table');
  // An escaped pipe is part of the test name, not a column break.
  assert.equal(targets.rows[0]?.length, 3);
  assert.deepEqual(targets.rows[0]?.[0], [{ kind: 'text', text: 'greets a | b' }]);
  assert.deepEqual(blocks[12], { kind: 'paragraph', children: [{ kind: 'emphasis', children: [{ kind: 'text', text: 'Opened by Patchbay for @carol.' }] }] });
});

test('emphasis, strong, code and links inline', () => {
  assert.deepEqual(parseInline('a **b** *c* `d*e*` [f](https://example.com/x)'), [
    { kind: 'text', text: 'a ' },
    { kind: 'strong', children: [{ kind: 'text', text: 'b' }] },
    { kind: 'text', text: ' ' },
    { kind: 'emphasis', children: [{ kind: 'text', text: 'c' }] },
    { kind: 'text', text: ' ' },
    { kind: 'code', text: 'd*e*' },
    { kind: 'text', text: ' ' },
    { kind: 'link', href: 'https://example.com/x', children: [{ kind: 'text', text: 'f' }] },
  ]);
  // Underscores inside identifiers are not emphasis.
  assert.deepEqual(parseInline('snake_case_name'), [{ kind: 'text', text: 'snake_case_name' }]);
});

test('never yields a dangerous link, and keeps raw HTML as text', () => {
  assert.deepEqual(parseInline('[x](javascript:alert(1))'), [{ kind: 'text', text: '[x](javascript:alert(1))' }]);
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref('data:text/html,hi'), null);
  assert.equal(safeHref('//evil.example'), null);
  assert.equal(safeHref('/tasks/1#pull-request-1'), '/tasks/1#pull-request-1');
  assert.deepEqual(parseMarkdown('<img src=x onerror=alert(1)>'), [{ kind: 'paragraph', children: [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }] }]);
});

test('fenced code keeps its text verbatim, and an unclosed fence ends at the end', () => {
  assert.deepEqual(parseMarkdown('```js\nconst a = **1**;\n```\nafter'), [
    { kind: 'code', language: 'js', text: 'const a = **1**;' },
    { kind: 'paragraph', children: [{ kind: 'text', text: 'after' }] },
  ]);
  assert.deepEqual(parseMarkdown('```\nopen'), [{ kind: 'code', language: null, text: 'open' }]);
});

test('hides comment lines, as forges do, and keeps comments inside code', () => {
  assert.deepEqual(parseMarkdown('before\n\n<!-- patchbay:spoken-summary -->\n## After'), [
    { kind: 'paragraph', children: [{ kind: 'text', text: 'before' }] },
    { kind: 'heading', level: 2, children: [{ kind: 'text', text: 'After' }] },
  ]);
  assert.deepEqual(parseMarkdown('one\n<!-- marker -->\ntwo'), [
    { kind: 'paragraph', children: [{ kind: 'text', text: 'one' }] },
    { kind: 'paragraph', children: [{ kind: 'text', text: 'two' }] },
  ]);
  assert.deepEqual(parseMarkdown('```\n<!-- kept -->\n```'), [{ kind: 'code', language: null, text: '<!-- kept -->' }]);
});
