import { ConfigValidationError } from '@patchbay/config';
import { loadModelConfig } from '../model-config';
import { contextBudgetFor, DEFAULT_CONTEXT_WINDOW_TOKENS, knownContextWindow } from './context-window-size';

describe('context window settings', () => {
  it('configures no window by default and reserves 4096 output tokens', () => {
    const config = loadModelConfig({});
    expect(config.contextWindows).toEqual({});
    expect(config.reservedOutputTokens).toBe(4_096);
  });

  it('takes a per-role window over MODEL_CONTEXT_WINDOW', () => {
    const config = loadModelConfig({
      MODEL_CONTEXT_WINDOW: '16384',
      MODEL_CONTEXT_WINDOW_CODER: '8192',
      MODEL_RESERVED_OUTPUT_TOKENS: '1000',
    });
    expect(config.contextWindows).toEqual({
      planner: 16_384,
      coder: 8_192,
      reviewer: 16_384,
      summariser: 16_384,
      backlog: 16_384,
    });
    expect(config.reservedOutputTokens).toBe(1_000);
  });

  it('names a bad window variable', () => {
    expect(() => loadModelConfig({ MODEL_CONTEXT_WINDOW_PLANNER: '512' })).toThrow(ConfigValidationError);
    expect(() => loadModelConfig({ MODEL_CONTEXT_WINDOW_PLANNER: '512' })).toThrow(
      /MODEL_CONTEXT_WINDOW_PLANNER: a context window must be at least 1024 tokens/,
    );
    expect(() => loadModelConfig({ MODEL_CONTEXT_WINDOW: 'big' })).toThrow(/MODEL_CONTEXT_WINDOW/);
  });

  it.each([
    ['gpt-4o-mini', 128_000],
    ['gpt-4o-mini-2024-07-18', 128_000],
    ['openai/gpt-4.1', 1_047_576],
    ['gpt-4', 8_192],
    ['qwen2.5-coder:7b', undefined],
  ])('knows the window of %s: %s', (model, tokens) => {
    expect(knownContextWindow(model)).toBe(tokens);
  });
});

describe('contextBudgetFor', () => {
  it("uses the known window of the role's model, minus the reserved output", () => {
    expect(contextBudgetFor(loadModelConfig({}), 'coder')).toEqual({
      model: 'gpt-4o-mini',
      contextWindow: 128_000,
      contextWindowSource: 'known-model',
      reservedOutputTokens: 4_096,
      safetyMarginTokens: 0,
      tokenizer: { encoding: 'o200k_base', exact: true },
      budgetTokens: 123_904,
    });
  });

  it('lets a configured window win over the table, and caps the reserve at a quarter of a small window', () => {
    const budget = contextBudgetFor(loadModelConfig({ MODEL_CONTEXT_WINDOW_CODER: '8192' }), 'coder');
    expect(budget).toMatchObject({
      contextWindow: 8_192,
      contextWindowSource: 'configured',
      reservedOutputTokens: 2_048,
      budgetTokens: 6_144,
    });
  });

  it("budgets a task's chosen model by that model's window", () => {
    expect(contextBudgetFor(loadModelConfig({}), 'planner', 'gpt-4')).toMatchObject({
      model: 'gpt-4',
      contextWindow: 8_192,
      budgetTokens: 6_144,
    });
  });

  it('falls back to 32k for an unknown model and holds back a margin for the approximate tokenizer', () => {
    const budget = contextBudgetFor(
      loadModelConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1', MODEL_DEFAULT: 'qwen2.5-coder:7b' }),
      'coder',
    );
    expect(budget).toEqual({
      model: 'qwen2.5-coder:7b',
      contextWindow: DEFAULT_CONTEXT_WINDOW_TOKENS,
      contextWindowSource: 'default',
      reservedOutputTokens: 4_096,
      safetyMarginTokens: 2_868,
      tokenizer: { encoding: 'cl100k_base', exact: false },
      budgetTokens: 32_768 - 4_096 - 2_868,
    });
  });
});
