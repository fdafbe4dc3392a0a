import { AIMessage, BaseMessage } from '@langchain/core/messages';
import { ModelRole } from '../model-role';
import { computeCostUsd, PriceTable } from './price-table';
import { ModelUsage } from './usage-sink';

/**
 * Builds the usage of one call from the answer's `usage_metadata`. Servers that report no usage
 * (some self-hosted ones) yield zero tokens rather than a guess.
 */
export function usageFromMessage(
  message: BaseMessage,
  call: { role: ModelRole; model: string; durationMs: number; prices: PriceTable },
): ModelUsage {
  const metadata = AIMessage.isInstance(message) ? message.usage_metadata : undefined;
  const promptTokens = metadata?.input_tokens ?? 0;
  const completionTokens = metadata?.output_tokens ?? 0;
  return {
    role: call.role,
    model: call.model,
    promptTokens,
    completionTokens,
    costUsd: computeCostUsd(call.prices, call.model, promptTokens, completionTokens),
    durationMs: Math.max(0, Math.round(call.durationMs)),
  };
}
