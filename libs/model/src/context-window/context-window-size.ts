import type { ModelConfig } from '../model-config';
import type { ModelRole } from '../model-role';
import { tokenEncodingForModel, type TokenEncodingName } from './token-counter';

/** For a model the table does not know and no setting names: small enough for most self-hosted servers' defaults. */
export const DEFAULT_CONTEXT_WINDOW_TOKENS = 32_768;
/** Kept free for the answer in every request (capped at a quarter of a small window). */
export const DEFAULT_RESERVED_OUTPUT_TOKENS = 4_096;
/** Held back when tokens are counted with another model's tokenizer (see `tokenEncodingForModel`). */
export const INEXACT_TOKENIZER_MARGIN = 0.1;
export const MIN_CONTEXT_WINDOW_TOKENS = 1_024;

/**
 * Published context windows (input and output together, in tokens) of models Patchbay is often
 * pointed at. A smaller number than the truth only condenses earlier; a larger one gets requests
 * refused, so where a provider has changed its limit the smaller figure is kept.
 */
export const KNOWN_CONTEXT_WINDOWS: Readonly<Record<string, number>> = {
  'gpt-4o': 128_000,
  'gpt-4o-mini': 128_000,
  'gpt-4.1': 1_047_576,
  'gpt-4.1-mini': 1_047_576,
  'gpt-4.1-nano': 1_047_576,
  'gpt-4-turbo': 128_000,
  'gpt-4': 8_192,
  'gpt-3.5-turbo': 16_385,
  o1: 200_000,
  o3: 200_000,
  'o3-mini': 200_000,
  'o4-mini': 200_000,
  'deepseek-chat': 65_536,
  'deepseek-reasoner': 65_536,
};

const DATED_SNAPSHOT_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;

/** The table's window for a model name (dated snapshots and `provider/` prefixes understood), if any. */
export function knownContextWindow(model: string): number | undefined {
  const bare = model.slice(model.lastIndexOf('/') + 1);
  return KNOWN_CONTEXT_WINDOWS[bare] ?? KNOWN_CONTEXT_WINDOWS[bare.replace(DATED_SNAPSHOT_SUFFIX, '')];
}

/** How many tokens one request of a role may carry, and why. */
export interface ContextBudget {
  model: string;
  contextWindow: number;
  /** Where `contextWindow` came from: a setting, the built-in table, or the default. */
  contextWindowSource: 'configured' | 'known-model' | 'default';
  reservedOutputTokens: number;
  /** Held back because the tokenizer is not the model's own; 0 for OpenAI models. */
  safetyMarginTokens: number;
  tokenizer: { encoding: TokenEncodingName; exact: boolean };
  /** The most tokens the messages (and tool definitions) of a request may take. */
  budgetTokens: number;
}

export type ContextWindowSettings = Pick<ModelConfig, 'models' | 'contextWindows' | 'reservedOutputTokens'>;

/**
 * The budget of a role's requests: the window (the role's configured `MODEL_CONTEXT_WINDOW_<ROLE>`
 * or `MODEL_CONTEXT_WINDOW`, else the model's known window, else 32k) minus the tokens reserved for
 * the answer, minus a 10% margin when the tokenizer only approximates the model's.
 *
 * @param model the model actually asked (a task's chosen model); defaults to the role's model
 */
export function contextBudgetFor(
  config: ContextWindowSettings,
  role: ModelRole,
  model: string = config.models[role],
): ContextBudget {
  const configured = config.contextWindows[role];
  const known = knownContextWindow(model);
  const contextWindow = configured ?? known ?? DEFAULT_CONTEXT_WINDOW_TOKENS;
  const contextWindowSource = configured !== undefined ? 'configured' : known !== undefined ? 'known-model' : 'default';
  const reservedOutputTokens = Math.min(config.reservedOutputTokens, Math.floor(contextWindow / 4));
  const tokenizer = tokenEncodingForModel(model);
  const safetyMarginTokens = tokenizer.exact
    ? 0
    : Math.ceil((contextWindow - reservedOutputTokens) * INEXACT_TOKENIZER_MARGIN);
  return {
    model,
    contextWindow,
    contextWindowSource,
    reservedOutputTokens,
    safetyMarginTokens,
    tokenizer,
    budgetTokens: contextWindow - reservedOutputTokens - safetyMarginTokens,
  };
}
