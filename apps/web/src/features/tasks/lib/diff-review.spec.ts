import { composeFeedback, type LineComment, lineReference, sortComments } from './diff-review';

function comment(path: string, line: number, body: string, side: 'old' | 'new' = 'new'): LineComment {
  return { id: `${path}:${side}:${line}`, path, side, line, changeKey: `${side === 'new' ? 'I' : 'D'}${line}`, body };
}

test('a reference names the file and line; removed lines say so', () => {
  expect(lineReference(comment('src/greet.js', 2, ''))).toBe('src/greet.js:2');
  expect(lineReference(comment('src/greet.js', 2, '', 'old'))).toBe('src/greet.js:2 (removed line)');
});

test('feedback lists the summary, then each comment with its file:line in file order', () => {
  const feedback = composeFeedback(
    {
      summary: '  Use a template literal. ',
      comments: [
        comment('test/a.test.js', 4, 'cover the empty name'),
        comment('src/greet.js', 9, 'keep\nthe export'),
        comment('src/greet.js', 2, 'no semicolon', 'old'),
      ],
    },
    ['src/greet.js', 'test/a.test.js'],
  );
  expect(feedback).toBe(
    [
      'Use a template literal.',
      '',
      'Inline comments:',
      '- src/greet.js:2 (removed line): no semicolon',
      '- src/greet.js:9: keep the export',
      '- test/a.test.js:4: cover the empty name',
    ].join('\n'),
  );
});

test('comments alone make feedback; blank comments and an empty review make none', () => {
  expect(composeFeedback({ summary: '', comments: [comment('a.js', 1, 'rename this')] })).toBe(
    'Inline comments:\n- a.js:1: rename this',
  );
  expect(composeFeedback({ summary: ' ', comments: [comment('a.js', 1, '  ')] })).toBe('');
});

test('files not in the diff order sort last, by path', () => {
  expect(
    sortComments([comment('z.js', 1, 'x'), comment('b.js', 1, 'x'), comment('a.js', 3, 'x')], ['b.js']).map(
      (c) => c.path,
    ),
  ).toStrictEqual(['b.js', 'a.js', 'z.js']);
});
