import { ConfigValidationError } from '@patchbay/config';
import { loadModelConfig } from './model-config';
import { DEFAULT_MODEL_PRICES } from './usage/price-table';

describe('loadModelConfig', () => {
  it('runs the scripted model when no endpoint or key is configured', () => {
    const config = loadModelConfig({ SCRIPTED_MODEL_FILE: '/demo/script.json' });

    expect(config.provider).toBe('scripted');
    expect(config.scriptedModelFile).toBe('/demo/script.json');
    expect(config.models).toEqual({
      planner: 'gpt-4o-mini',
      coder: 'gpt-4o-mini',
      reviewer: 'gpt-4o-mini',
      summariser: 'gpt-4o-mini',
      backlog: 'gpt-4o-mini',
    });
    expect(config.timeoutMs).toBe(120_000);
    expect(config.maxConcurrency).toBe(8);
    expect(config.prices).toEqual(DEFAULT_MODEL_PRICES);
  });

  it('takes MODEL_MAX_CONCURRENCY and refuses a bound below one', () => {
    expect(loadModelConfig({ MODEL_MAX_CONCURRENCY: '3' }).maxConcurrency).toBe(3);
    expect(() => loadModelConfig({ MODEL_MAX_CONCURRENCY: '0' })).toThrow(/MODEL_MAX_CONCURRENCY/);
  });

  it.each([[{ OPENAI_API_KEY: 'sk-1' }], [{ OPENAI_BASE_URL: 'http://localhost:11434/v1' }]])(
    'chooses openai once an endpoint or key is set (%o)',
    (env) => {
      expect(loadModelConfig(env).provider).toBe('openai');
    },
  );

  it('lets MODEL_PROVIDER override the inference, e.g. a scripted run on a machine with a key', () => {
    expect(loadModelConfig({ OPENAI_API_KEY: 'sk-1', MODEL_PROVIDER: 'scripted' }).provider).toBe('scripted');
  });

  it('takes per-role models over MODEL_DEFAULT, and reads the fallback and timeout', () => {
    const config = loadModelConfig({
      OPENAI_BASE_URL: 'http://vllm:8000/v1',
      MODEL_DEFAULT: 'qwen2.5-coder-32b',
      MODEL_PLANNER: 'deepseek-reasoner',
      MODEL_FALLBACK: 'qwen2.5-coder-7b',
      MODEL_TIMEOUT_MS: '30000',
    });

    expect(config.openai).toEqual({ baseUrl: 'http://vllm:8000/v1', apiKey: undefined });
    expect(config.models).toEqual({
      planner: 'deepseek-reasoner',
      coder: 'qwen2.5-coder-32b',
      reviewer: 'qwen2.5-coder-32b',
      summariser: 'qwen2.5-coder-32b',
      // The backlog planner follows the task planner unless MODEL_BACKLOG names its own.
      backlog: 'deepseek-reasoner',
    });
    expect(config.fallbackModel).toBe('qwen2.5-coder-7b');
    expect(config.timeoutMs).toBe(30_000);
    expect(loadModelConfig({ MODEL_PLANNER: 'deepseek-reasoner', MODEL_BACKLOG: 'gpt-4o' }).models.backlog).toBe(
      'gpt-4o',
    );
  });

  it('lays MODEL_PRICES over the built-in prices', () => {
    const config = loadModelConfig({
      MODEL_PRICES: JSON.stringify({
        'gpt-4o-mini': { inputPerMTok: 0.1, outputPerMTok: 0.2 },
        'deepseek-chat': { inputPerMTok: 0.27, outputPerMTok: 1.1 },
      }),
    });

    expect(config.prices['gpt-4o-mini']).toEqual({ inputPerMTok: 0.1, outputPerMTok: 0.2 });
    expect(config.prices['deepseek-chat']).toEqual({ inputPerMTok: 0.27, outputPerMTok: 1.1 });
    expect(config.prices['gpt-4o']).toEqual(DEFAULT_MODEL_PRICES['gpt-4o']);
  });

  it('names each bad variable', () => {
    const problems = (): string[] => {
      try {
        loadModelConfig({
          MODEL_PROVIDER: 'anthropic',
          OPENAI_BASE_URL: 'localhost:8000',
          MODEL_TIMEOUT_MS: '-1',
          MODEL_PRICES: '{"gpt-4o": {"inputPerMTok": "cheap"}}',
        });
      } catch (error) {
        if (error instanceof ConfigValidationError) return error.problems.map((problem) => problem.split(/[.:]/)[0]);
        throw error;
      }
      throw new Error('expected the configuration to be refused');
    };

    expect(problems()).toEqual(
      expect.arrayContaining(['MODEL_PROVIDER', 'OPENAI_BASE_URL', 'MODEL_TIMEOUT_MS', 'MODEL_PRICES']),
    );
  });

  it('says when MODEL_PRICES is not JSON', () => {
    expect(() => loadModelConfig({ MODEL_PRICES: '{gpt-4o: 1}' })).toThrow(/MODEL_PRICES.*not valid JSON/);
  });
});
