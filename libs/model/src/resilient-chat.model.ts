import { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel, BaseChatModelParams, BindToolsInput } from '@langchain/core/language_models/chat_models';
import { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import { Runnable } from '@langchain/core/runnables';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { ChatOpenAI, ChatOpenAICallOptions } from '@langchain/openai';
import type { ConcurrencyLimiter } from '@patchbay/concurrency';
import { DescribedModel, ModelDescription } from './describe-model';
import { ModelCallError } from './model-call.error';
import { traceModelCall } from './model-call-tracing';
import { ModelRole } from './model-role';
import { backoffDelayMs, ModelRetryNotice, RetryPolicy, sleep } from './retry-policy';
import { describeModelError, errorStatus, isTransientModelError, retryAfterMs } from './transient-error';
import { usageFromMessage } from './usage/model-usage';
import { PriceTable } from './usage/price-table';
import { UsageSink } from './usage/usage-sink';

export interface ResilientChatModelFields extends BaseChatModelParams {
  role: ModelRole;
  /** The configured model first, then the fallback. */
  candidates: ChatOpenAI[];
  /** Where the candidates point, for error messages. */
  endpoint: string;
  retry: RetryPolicy;
  prices: PriceTable;
  usage?: UsageSink;
  onRetry?: (notice: ModelRetryNotice) => void;
  /** Each attempt holds one of the process's model-call slots; backoff waits between attempts hold none. */
  callSlots?: ConcurrencyLimiter;
}

/**
 * An OpenAI-compatible chat model with our retry, fallback and usage rules around it.
 *
 * LangChain's `.withRetry()` and `.withFallbacks()` return plain runnables without `bindTools`,
 * retry with randomised, non-injectable delays, and leave streams unretried — so the rules live
 * here instead, around the candidates' own `_generate` / `_streamResponseChunks`. Tools bound
 * to this model travel as call options to whichever candidate answers.
 */
export class ResilientChatModel extends BaseChatModel<ChatOpenAICallOptions, AIMessageChunk> implements DescribedModel {
  readonly modelDescription: ModelDescription;
  private readonly fields: ResilientChatModelFields;

  constructor(fields: ResilientChatModelFields) {
    super(fields);
    if (fields.candidates.length === 0) throw new Error('ResilientChatModel needs at least one model');
    this.fields = fields;
    const [primary, fallback] = fields.candidates;
    this.modelDescription = {
      provider: 'openai',
      model: primary.model,
      label: primary.model,
      fallbackModel: fallback?.model,
    };
  }

  static override lc_name(): string {
    return 'PatchbayResilientChatOpenAI';
  }

  _llmType(): string {
    return 'patchbay-openai';
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<ChatOpenAICallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ChatOpenAICallOptions> {
    return this.withConfig({ tools: tools.map((tool) => convertToOpenAITool(tool)), ...kwargs });
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const startedAt = performance.now();
    await this.fields.usage?.beforeCall?.();
    let attempts = 0;
    let lastError: unknown;
    for (const [index, candidate] of this.fields.candidates.entries()) {
      for (let retry = 0; retry <= this.fields.retry.maxRetries; retry++) {
        attempts++;
        let result: ChatResult;
        try {
          result = await this.inSlot(options.signal, () =>
            traceModelCall(candidate.model, this.fields.role, () => candidate._generate(messages, options, runManager)),
          );
        } catch (error) {
          lastError = error;
          await this.afterFailure(error, { index, retry, attempts, signal: options.signal });
          continue;
        }
        // Outside the try: a failing usage sink must not be mistaken for a model failure and
        // pay for the same answer twice.
        const message = result.generations[0]?.message;
        if (message) await this.recordUsage(message, candidate.model, startedAt);
        return result;
      }
    }
    throw this.exhausted(attempts, lastError);
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const startedAt = performance.now();
    await this.fields.usage?.beforeCall?.();
    let attempts = 0;
    let lastError: unknown;
    for (const [index, candidate] of this.fields.candidates.entries()) {
      for (let retry = 0; retry <= this.fields.retry.maxRetries; retry++) {
        attempts++;
        let answer: ChatGenerationChunk | undefined;
        let releaseSlot: (() => void) | undefined;
        try {
          releaseSlot = await this.fields.callSlots?.acquire({ signal: options.signal });
          for await (const chunk of candidate._streamResponseChunks(messages, options, runManager)) {
            answer = answer ? answer.concat(chunk) : chunk;
            yield chunk;
          }
        } catch (error) {
          // Chunks already handed to the caller cannot be taken back: only a stream that failed
          // before its first chunk is retried.
          if (answer) throw this.permanent(error, candidate.model, attempts);
          lastError = error;
          await this.afterFailure(error, { index, retry, attempts, signal: options.signal });
          continue;
        } finally {
          releaseSlot?.();
        }
        if (answer) await this.recordUsage(answer.message, candidate.model, startedAt);
        return;
      }
    }
    throw this.exhausted(attempts, lastError);
  }

  /** One attempt in one of the process's model-call slots (waiting in line for it; the task's signal leaves the line). */
  private inSlot<T>(signal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T> {
    const slots = this.fields.callSlots;
    return slots ? slots.run(attempt, { signal }) : attempt();
  }

  /** Throws when the failure is final; otherwise waits out the backoff, or returns at once to move on to the fallback. */
  private async afterFailure(
    error: unknown,
    at: { index: number; retry: number; attempts: number; signal?: AbortSignal },
  ): Promise<void> {
    const { candidates, retry: policy, role, onRetry } = this.fields;
    const model = candidates[at.index].model;
    if (at.signal?.aborted) throw error;
    if (!isTransientModelError(error)) throw this.permanent(error, model, at.attempts);
    const reason = describeModelError(error);
    if (at.retry < policy.maxRetries) {
      const backoff = backoffDelayMs(policy, at.retry + 1);
      const requested = retryAfterMs(error);
      const delayMs =
        requested !== undefined && requested <= policy.maxRetryAfterMs ? Math.max(backoff, requested) : backoff;
      onRetry?.({ role, model, attempt: at.attempts, reason, next: 'retry', nextModel: model, delayMs });
      await sleep(delayMs, at.signal);
      return;
    }
    const fallback = candidates[at.index + 1];
    if (fallback)
      onRetry?.({ role, model, attempt: at.attempts, reason, next: 'fallback', nextModel: fallback.model, delayMs: 0 });
  }

  private permanent(error: unknown, model: string, attempts: number): ModelCallError {
    const status = errorStatus(error);
    const answer = status === undefined ? '' : ` answered ${status}`;
    return new ModelCallError(
      `The ${this.fields.role} model "${model}" at ${this.fields.endpoint}${answer}: ${describeModelError(error)}`,
      { role: this.fields.role, model, status, transient: isTransientModelError(error), attempts, cause: error },
    );
  }

  private exhausted(attempts: number, error: unknown): ModelCallError {
    const models = this.fields.candidates.map((candidate) => `"${candidate.model}"`).join(' then ');
    return new ModelCallError(
      `The ${this.fields.role} model ${models} at ${this.fields.endpoint} kept failing transiently ` +
        `(${attempts} attempts, ${this.fields.retry.maxRetries} retries per model): ${describeModelError(error)}`,
      {
        role: this.fields.role,
        model: this.fields.candidates.at(-1)?.model ?? '',
        status: errorStatus(error),
        transient: true,
        attempts,
        cause: error,
      },
    );
  }

  private async recordUsage(message: BaseMessage, model: string, startedAt: number): Promise<void> {
    const { usage, role, prices } = this.fields;
    await usage?.record(usageFromMessage(message, { role, model, prices, durationMs: performance.now() - startedAt }));
  }
}
