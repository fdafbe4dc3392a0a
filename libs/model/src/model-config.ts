import { loadConfig } from '@patchbay/config';
import { z } from 'zod';
import { DEFAULT_RESERVED_OUTPUT_TOKENS, MIN_CONTEXT_WINDOW_TOKENS } from './context-window/context-window-size';
import { ModelRole } from './model-role';
import { DEFAULT_MODEL_PRICES, PriceTable, priceTableSchema } from './usage/price-table';

export const MODEL_PROVIDERS = ['openai', 'scripted'] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

export const DEFAULT_MODEL_NAME = 'gpt-4o-mini';
export const DEFAULT_MODEL_TIMEOUT_MS = 120_000;
/** Model calls in flight at once per process unless MODEL_MAX_CONCURRENCY says otherwise (ADR 0038). */
export const DEFAULT_MODEL_MAX_CONCURRENCY = 8;

const modelName = z.string().trim().min(1).max(200);
const contextWindowTokens = z.coerce
  .number()
  .int()
  .min(MIN_CONTEXT_WINDOW_TOKENS, `a context window must be at least ${MIN_CONTEXT_WINDOW_TOKENS} tokens`)
  .max(10_000_000);

const priceTableFromJson = z
  .string()
  .transform((raw, ctx): unknown => {
    try {
      return JSON.parse(raw);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `MODEL_PRICES is not valid JSON (${(error as Error).message})` });
      return z.NEVER;
    }
  })
  .pipe(priceTableSchema);

/** The model settings of a Patchbay process, resolved from the environment. */
export interface ModelConfig {
  provider: ModelProvider;
  openai: { baseUrl?: string; apiKey?: string };
  /** The model each role asks for. */
  models: Record<ModelRole, string>;
  /** Tried once the configured model has failed transiently through every retry. */
  fallbackModel?: string;
  timeoutMs: number;
  /** Model calls in flight at once in this process; more wait their turn (ADR 0038). */
  maxConcurrency: number;
  /**
   * Context windows in tokens set for a role (MODEL_CONTEXT_WINDOW_<ROLE>, else
   * MODEL_CONTEXT_WINDOW). A role without one uses its model's known window; see `contextBudgetFor`.
   */
  contextWindows: Partial<Record<ModelRole, number>>;
  /** Tokens kept free for the answer in every request. */
  reservedOutputTokens: number;
  /** Built-in prices with MODEL_PRICES laid over them. */
  prices: PriceTable;
  scriptedModelFile?: string;
}

/**
 * The environment variables of the model layer. Parse it with `loadConfig` from @patchbay/config
 * (or `loadModelConfig`) so a bad value stops the process naming the variable.
 */
export const modelConfigSchema = z
  .object({
    MODEL_PROVIDER: z.enum(MODEL_PROVIDERS).optional(),
    OPENAI_BASE_URL: z.url({ protocol: /^https?$/, error: 'OPENAI_BASE_URL must be an http(s) URL' }).optional(),
    OPENAI_API_KEY: z.string().min(1).optional(),
    MODEL_DEFAULT: modelName.optional(),
    MODEL_PLANNER: modelName.optional(),
    MODEL_CODER: modelName.optional(),
    MODEL_REVIEWER: modelName.optional(),
    MODEL_SUMMARISER: modelName.optional(),
    MODEL_BACKLOG: modelName.optional(),
    MODEL_FALLBACK: modelName.optional(),
    MODEL_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_MODEL_TIMEOUT_MS),
    MODEL_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_MODEL_MAX_CONCURRENCY),
    MODEL_CONTEXT_WINDOW: contextWindowTokens.optional(),
    MODEL_CONTEXT_WINDOW_PLANNER: contextWindowTokens.optional(),
    MODEL_CONTEXT_WINDOW_CODER: contextWindowTokens.optional(),
    MODEL_CONTEXT_WINDOW_REVIEWER: contextWindowTokens.optional(),
    MODEL_CONTEXT_WINDOW_SUMMARISER: contextWindowTokens.optional(),
    MODEL_CONTEXT_WINDOW_BACKLOG: contextWindowTokens.optional(),
    MODEL_RESERVED_OUTPUT_TOKENS: z.coerce.number().int().positive().default(DEFAULT_RESERVED_OUTPUT_TOKENS),
    MODEL_PRICES: priceTableFromJson.optional(),
    SCRIPTED_MODEL_FILE: z.string().min(1).optional(),
  })
  .transform((env): ModelConfig => {
    const fallbackName = env.MODEL_DEFAULT ?? DEFAULT_MODEL_NAME;
    return {
      // A configured endpoint means the operator wants a real model; otherwise the offline demo runs.
      provider: env.MODEL_PROVIDER ?? (env.OPENAI_BASE_URL || env.OPENAI_API_KEY ? 'openai' : 'scripted'),
      openai: { baseUrl: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY },
      models: {
        planner: env.MODEL_PLANNER ?? fallbackName,
        coder: env.MODEL_CODER ?? fallbackName,
        reviewer: env.MODEL_REVIEWER ?? fallbackName,
        summariser: env.MODEL_SUMMARISER ?? fallbackName,
        // The backlog planner plans, as the task planner does: unset, it asks for the planner's model.
        backlog: env.MODEL_BACKLOG ?? env.MODEL_PLANNER ?? fallbackName,
      },
      fallbackModel: env.MODEL_FALLBACK,
      timeoutMs: env.MODEL_TIMEOUT_MS,
      maxConcurrency: env.MODEL_MAX_CONCURRENCY,
      contextWindows: withoutUnset({
        planner: env.MODEL_CONTEXT_WINDOW_PLANNER ?? env.MODEL_CONTEXT_WINDOW,
        coder: env.MODEL_CONTEXT_WINDOW_CODER ?? env.MODEL_CONTEXT_WINDOW,
        reviewer: env.MODEL_CONTEXT_WINDOW_REVIEWER ?? env.MODEL_CONTEXT_WINDOW,
        summariser: env.MODEL_CONTEXT_WINDOW_SUMMARISER ?? env.MODEL_CONTEXT_WINDOW,
        backlog: env.MODEL_CONTEXT_WINDOW_BACKLOG ?? env.MODEL_CONTEXT_WINDOW,
      }),
      reservedOutputTokens: env.MODEL_RESERVED_OUTPUT_TOKENS,
      prices: { ...DEFAULT_MODEL_PRICES, ...env.MODEL_PRICES },
      scriptedModelFile: env.SCRIPTED_MODEL_FILE,
    };
  });

/** Reads the model settings from the environment; throws ConfigValidationError naming each bad variable. */
export function loadModelConfig(env: NodeJS.ProcessEnv = process.env): ModelConfig {
  return loadConfig(modelConfigSchema, env);
}

function withoutUnset(windows: Record<ModelRole, number | undefined>): Partial<Record<ModelRole, number>> {
  return Object.fromEntries(Object.entries(windows).filter(([, tokens]) => tokens !== undefined));
}
