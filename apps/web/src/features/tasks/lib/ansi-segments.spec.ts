import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ansiSegments } from './ansi-segments';

test('plain text is one unstyled segment', () => {
  assert.deepEqual(ansiSegments('hello\nworld'), [{ text: 'hello\nworld', className: '' }]);
});

test('colour codes become classes and a reset ends them', () => {
  const segments = ansiSegments('\u001b[32m✓ adds\u001b[39m and \u001b[1;31mFAIL\u001b[0m done');
  assert.deepEqual(segments, [
    { text: '✓ adds', className: 'text-emerald-400' },
    { text: ' and ', className: '' },
    { text: 'FAIL', className: 'text-rose-400 font-bold' },
    { text: ' done', className: '' },
  ]);
});

test('markup in the output stays text: segments carry it verbatim for React to escape', () => {
  const segments = ansiSegments('<img src=x onerror=alert(1)>\u001b[33m<b>warn</b>\u001b[m');
  assert.equal(segments.map((segment) => segment.text).join(''), '<img src=x onerror=alert(1)><b>warn</b>');
  assert.equal(segments[1]?.className, 'text-amber-300');
});

test('cursor moves, titles and 256-colour parameters are dropped without eating text', () => {
  const segments = ansiSegments('\u001b]0;title\u0007a\u001b[2Kb\u001b[38;5;196mc\u001b[48;2;1;2;3md\u001b[90me');
  assert.equal(segments.map((segment) => segment.text).join(''), 'abcde');
  assert.equal(segments[segments.length - 1]?.className, 'text-slate-400');
});
