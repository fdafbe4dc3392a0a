import { z } from 'zod';

export const modelPriceSchema = z.object({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
});

/** USD per million tokens, keyed by model name. */
export type ModelPrice = z.infer<typeof modelPriceSchema>;
export type PriceTable = Readonly<Record<string, ModelPrice>>;

export const priceTableSchema = z.record(z.string().min(1), modelPriceSchema);

/**
 * OpenAI list prices (USD per million tokens, standard tier, uncached input) at the time of
 * writing. They change; operators override or extend them with MODEL_PRICES. Self-hosted models
 * (vLLM, Ollama) are absent on purpose: an unknown model costs 0.
 */
export const DEFAULT_MODEL_PRICES: PriceTable = {
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
};

// Providers answer with dated snapshots ("gpt-4o-mini-2024-07-18") priced like their alias.
const DATED_SNAPSHOT_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;

/** The price of a model, or undefined when the table does not know it. */
export function findModelPrice(prices: PriceTable, model: string): ModelPrice | undefined {
  return prices[model] ?? prices[model.replace(DATED_SNAPSHOT_SUFFIX, '')];
}

/** Cost in USD of one call, rounded to the micro-dollar the usage table stores. */
export function computeCostUsd(
  prices: PriceTable,
  model: string,
  promptTokens: number,
  completionTokens: number,
): number {
  const price = findModelPrice(prices, model);
  if (!price) return 0;
  const cost = (promptTokens * price.inputPerMTok + completionTokens * price.outputPerMTok) / 1_000_000;
  return Math.round(cost * 1_000_000) / 1_000_000;
}
