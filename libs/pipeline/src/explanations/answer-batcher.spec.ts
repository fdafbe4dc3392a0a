import { ANSWER_BATCH_CHARS, ANSWER_BATCH_MS, AnswerBatcher } from './answer-batcher';

describe('AnswerBatcher', () => {
  it('holds small pieces until they are old enough, then sends them together, numbered in order', async () => {
    let clock = 0;
    const sent: Array<{ seq: number; text: string }> = [];
    const batcher = new AnswerBatcher(
      async (piece) => void sent.push(piece),
      () => clock,
    );
    await batcher.add('The ');
    await batcher.add('change ');
    expect(sent).toEqual([]);
    clock = ANSWER_BATCH_MS;
    await batcher.add('renames');
    await batcher.add(' it.');
    await batcher.flush();
    expect(sent).toEqual([
      { seq: 1, text: 'The change renames' },
      { seq: 2, text: ' it.' },
    ]);
  });

  it('sends a long piece at once', async () => {
    const sent: string[] = [];
    const batcher = new AnswerBatcher(
      async (piece) => void sent.push(piece.text),
      () => 0,
    );
    await batcher.add('x'.repeat(ANSWER_BATCH_CHARS));
    expect(sent).toHaveLength(1);
    await batcher.flush();
    expect(sent).toHaveLength(1);
  });
});
