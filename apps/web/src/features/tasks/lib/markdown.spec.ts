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
  expect(blocks.map((block) => block.kind)).toStrictEqual([
    'heading',
    'paragraph',
    'heading',
    'list',
    'heading',
    'table',
    'heading',
    'table',
    'heading',
    'list',
    'heading',
    'list',
    'paragraph',
  ]);
  const plan = blocks[3];
  if (plan?.kind !== 'list') throw new Error(`block 3 is a ${plan?.kind}, not a list`);
  expect(plan.ordered).toBe(true);
  expect(plan.items[0]).toStrictEqual([
    { kind: 'text', text: 'Add ' },
    { kind: 'code', text: 'greet()' },
  ]);
  const tests = blocks[5];
  if (tests?.kind !== 'table') throw new Error(`block 5 is a ${tests?.kind}, not a table`);
  expect(tests.rows.length).toBe(2);
  expect(tests.rows[1]?.[1]).toStrictEqual([{ kind: 'text', text: '2' }]);
  const targets = blocks[7];
  if (targets?.kind !== 'table') throw new Error(`block 7 is a ${targets?.kind}, not a table`);
  // An escaped pipe is part of the test name, not a column break.
  expect(targets.rows[0]?.length).toBe(3);
  expect(targets.rows[0]?.[0]).toStrictEqual([{ kind: 'text', text: 'greets a | b' }]);
  expect(blocks[12]).toStrictEqual({
    kind: 'paragraph',
    children: [{ kind: 'emphasis', children: [{ kind: 'text', text: 'Opened by Patchbay for @carol.' }] }],
  });
});

test('emphasis, strong, code and links inline', () => {
  expect(parseInline('a **b** *c* `d*e*` [f](https://example.com/x)')).toStrictEqual([
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
  expect(parseInline('snake_case_name')).toStrictEqual([{ kind: 'text', text: 'snake_case_name' }]);
});

test('never yields a dangerous link, and keeps raw HTML as text', () => {
  expect(parseInline('[x](javascript:alert(1))')).toStrictEqual([{ kind: 'text', text: '[x](javascript:alert(1))' }]);
  expect(safeHref('javascript:alert(1)')).toBeNull();
  expect(safeHref('data:text/html,hi')).toBeNull();
  expect(safeHref('//evil.example')).toBeNull();
  expect(safeHref('/tasks/1#pull-request-1')).toBe('/tasks/1#pull-request-1');
  expect(parseMarkdown('<img src=x onerror=alert(1)>')).toStrictEqual([
    { kind: 'paragraph', children: [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }] },
  ]);
});

test('fenced code keeps its text verbatim, and an unclosed fence ends at the end', () => {
  expect(parseMarkdown('```js\nconst a = **1**;\n```\nafter')).toStrictEqual([
    { kind: 'code', language: 'js', text: 'const a = **1**;' },
    { kind: 'paragraph', children: [{ kind: 'text', text: 'after' }] },
  ]);
  expect(parseMarkdown('```\nopen')).toStrictEqual([{ kind: 'code', language: null, text: 'open' }]);
});

test('hides comment lines, as forges do, and keeps comments inside code', () => {
  expect(parseMarkdown('before\n\n<!-- patchbay:spoken-summary -->\n## After')).toStrictEqual([
    { kind: 'paragraph', children: [{ kind: 'text', text: 'before' }] },
    { kind: 'heading', level: 2, children: [{ kind: 'text', text: 'After' }] },
  ]);
  expect(parseMarkdown('one\n<!-- marker -->\ntwo')).toStrictEqual([
    { kind: 'paragraph', children: [{ kind: 'text', text: 'one' }] },
    { kind: 'paragraph', children: [{ kind: 'text', text: 'two' }] },
  ]);
  expect(parseMarkdown('```\n<!-- kept -->\n```')).toStrictEqual([
    { kind: 'code', language: null, text: '<!-- kept -->' },
  ]);
});
