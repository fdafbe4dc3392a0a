import { ansiSegments } from './ansi-segments';

test('plain text is one unstyled segment', () => {
  expect(ansiSegments('hello\nworld')).toStrictEqual([{ text: 'hello\nworld', className: '' }]);
});

test('colour codes become classes and a reset ends them', () => {
  const segments = ansiSegments('\u001b[32m✓ adds\u001b[39m and \u001b[1;31mFAIL\u001b[0m done');
  expect(segments).toStrictEqual([
    { text: '✓ adds', className: 'text-emerald-400' },
    { text: ' and ', className: '' },
    { text: 'FAIL', className: 'text-rose-400 font-bold' },
    { text: ' done', className: '' },
  ]);
});

test('markup in the output stays text: segments carry it verbatim for React to escape', () => {
  const segments = ansiSegments('<img src=x onerror=alert(1)>\u001b[33m<b>warn</b>\u001b[m');
  expect(segments.map((segment) => segment.text).join('')).toBe('<img src=x onerror=alert(1)><b>warn</b>');
  expect(segments[1]?.className).toBe('text-amber-300');
});

test('cursor moves, titles and 256-colour parameters are dropped without eating text', () => {
  const segments = ansiSegments('\u001b]0;title\u0007a\u001b[2Kb\u001b[38;5;196mc\u001b[48;2;1;2;3md\u001b[90me');
  expect(segments.map((segment) => segment.text).join('')).toBe('abcde');
  expect(segments[segments.length - 1]?.className).toBe('text-slate-400');
});
