import type { TaskEvent } from '@patchbay/contracts';
import { explanationScope, explanationsOf } from './change-explanations';

let seq = 0;
const event = (type: TaskEvent['type'], payload: object): TaskEvent =>
  ({ id: `e${++seq}`, taskId: 't', seq, type, agent: 'supervisor', payload, at: '2026-01-01T00:00:00Z' }) as TaskEvent;

describe('explanationsOf', () => {
  it('builds the answer from its pieces while it streams, then keeps the whole answer', () => {
    const asked = event('explanation_requested', {
      explanationId: 'x1',
      question: 'Why?',
      file: 'src/a.js',
      lines: { start: 2, end: 4 },
      by: 'carol',
      diffSha256: 'h',
    });
    const streaming = explanationsOf([
      asked,
      event('explanation_chunk', { explanationId: 'x1', seq: 1, text: 'Because ' }),
      event('explanation_chunk', { explanationId: 'x1', seq: 2, text: 'it reads' }),
    ]);
    expect(streaming).toEqual([
      expect.objectContaining({ id: 'x1', status: 'answering', answer: 'Because it reads', by: 'carol' }),
    ]);
    const answered = explanationsOf([
      asked,
      event('explanation_chunk', { explanationId: 'x1', seq: 1, text: 'Because ' }),
      event('explanation_answered', {
        explanationId: 'x1',
        question: 'Why?',
        answer: 'Because it reads better.',
        model: 'gpt',
      }),
    ]);
    expect(answered[0]).toMatchObject({ status: 'answered', answer: 'Because it reads better.', model: 'gpt' });
  });

  it('says why a question got no answer', () => {
    const [failed] = explanationsOf([
      event('explanation_requested', { explanationId: 'x2', question: 'And?', by: 'carol', diffSha256: 'h' }),
      event('explanation_failed', { explanationId: 'x2', message: 'The task budget is reached' }),
    ]);
    expect(failed).toMatchObject({ status: 'failed', failure: 'The task budget is reached', answer: '' });
  });
});

describe('explanationScope', () => {
  it('names the lines, the file or the whole change', () => {
    expect(explanationScope({ file: 'a.js', lines: { start: 3, end: 5 } })).toBe('a.js:3-5');
    expect(explanationScope({ file: 'a.js', lines: { start: 3, end: 3 } })).toBe('a.js:3');
    expect(explanationScope({ file: 'a.js' })).toBe('a.js');
    expect(explanationScope({})).toBe('the whole change');
  });
});
