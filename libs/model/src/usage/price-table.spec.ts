import { AIMessage } from '@langchain/core/messages';
import { usageFromMessage } from './model-usage';
import { computeCostUsd, DEFAULT_MODEL_PRICES, PriceTable } from './price-table';

describe('cost computation', () => {
  const prices: PriceTable = { ...DEFAULT_MODEL_PRICES, 'house-model': { inputPerMTok: 3, outputPerMTok: 15 } };

  it('prices input and output tokens per million', () => {
    // 10 000 × $3/M + 2 000 × $15/M
    expect(computeCostUsd(prices, 'house-model', 10_000, 2_000)).toBe(0.06);
    // 1M input + 1M output of gpt-4o-mini at list price
    expect(computeCostUsd(prices, 'gpt-4o-mini', 1_000_000, 1_000_000)).toBe(0.75);
  });

  it('prices a dated snapshot like its alias', () => {
    expect(computeCostUsd(prices, 'gpt-4o-mini-2024-07-18', 1_000_000, 0)).toBe(0.15);
  });

  it('charges nothing for a model the table does not know (self-hosted, scripted)', () => {
    expect(computeCostUsd(prices, 'qwen2.5-coder:7b', 50_000, 50_000)).toBe(0);
  });

  it('rounds to the micro-dollar the usage table stores', () => {
    expect(computeCostUsd(prices, 'gpt-4o-mini', 1, 1)).toBe(0.000001);
  });

  it('builds a usage record from the answer’s usage metadata', () => {
    const message = new AIMessage({
      content: 'done',
      usage_metadata: { input_tokens: 2_000, output_tokens: 500, total_tokens: 2_500 },
    });

    expect(usageFromMessage(message, { role: 'coder', model: 'house-model', durationMs: 1234.6, prices })).toEqual({
      role: 'coder',
      model: 'house-model',
      promptTokens: 2_000,
      completionTokens: 500,
      costUsd: 0.0135,
      durationMs: 1235,
    });
  });

  it('records zero tokens when the server reported no usage', () => {
    expect(
      usageFromMessage(new AIMessage('done'), { role: 'coder', model: 'house-model', durationMs: 5, prices }),
    ).toMatchObject({
      promptTokens: 0,
      completionTokens: 0,
      costUsd: 0,
    });
  });
});
