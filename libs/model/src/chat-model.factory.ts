import { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { BaseChatModel, BaseChatModelCallOptions, BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk } from '@langchain/core/messages';
import { Runnable } from '@langchain/core/runnables';
import { ChatOpenAI } from '@langchain/openai';
import type { ConcurrencyLimiter } from '@patchbay/concurrency';
import { DescribedModel } from './describe-model';
import { ModelConfig } from './model-config';
import { ModelRole } from './model-role';
import { ResilientChatModel } from './resilient-chat.model';
import { DEFAULT_RETRY_POLICY, ModelRetryNotice, RetryPolicy } from './retry-policy';
import { ModelConfigurationError } from './model-configuration.error';
import { ScriptedChatModel } from './scripted/scripted-chat.model';
import { loadScriptedTurns, ScriptedTurns } from './scripted/scripted-turns';
import { UsageSink } from './usage/usage-sink';

const OPENAI_DEFAULT_ENDPOINT = 'https://api.openai.com/v1';
// Self-hosted endpoints (vLLM, Ollama) accept any key, but the OpenAI client refuses to start
// without one.
const KEYLESS_ENDPOINT_API_KEY = 'not-needed';

/** What agents get: a LangChain chat model with tool calling, named by `describeModel`. */
export type PatchbayChatModel = BaseChatModel<BaseChatModelCallOptions, AIMessageChunk> &
  DescribedModel & {
    bindTools(
      tools: BindToolsInput[],
      kwargs?: Partial<BaseChatModelCallOptions>,
    ): Runnable<BaseLanguageModelInput, AIMessageChunk, BaseChatModelCallOptions>;
  };

export interface CreateChatModelOptions {
  config: ModelConfig;
  /** The organisation's stored key; it wins over OPENAI_API_KEY. */
  apiKeyOverride?: string;
  usage?: UsageSink;
  /** The replay to continue; without it the script file is loaded afresh. */
  script?: ScriptedTurns;
  /** A task's chosen model; it replaces the role's configured model. */
  model?: string;
  /** Overrides of the 1 s / 2 s / 4 s backoff (tests shorten it). */
  retry?: Partial<RetryPolicy>;
  /** Told about every failed attempt that will be retried or handed to the fallback. */
  onRetry?: (notice: ModelRetryNotice) => void;
  /** The process's bound on calls in flight (createModelCallSlots); without it calls are not bounded. */
  callSlots?: ConcurrencyLimiter;
}

/** The chat model for one agent role, from the configured provider. */
export function createChatModel(role: ModelRole, options: CreateChatModelOptions): PatchbayChatModel {
  const { config } = options;
  if (config.provider === 'scripted') {
    return new ScriptedChatModel({
      role,
      script: resolveScript(options),
      prices: config.prices,
      usage: options.usage,
      callSlots: options.callSlots,
    });
  }

  const baseUrl = config.openai.baseUrl;
  const apiKey = options.apiKeyOverride ?? config.openai.apiKey ?? (baseUrl ? KEYLESS_ENDPOINT_API_KEY : undefined);
  if (!apiKey) {
    throw new ModelConfigurationError(
      'MODEL_PROVIDER=openai needs OPENAI_API_KEY (or an organisation key) when OPENAI_BASE_URL is not set',
    );
  }
  const primaryModel = options.model ?? config.models[role];
  const modelNames = [primaryModel];
  if (config.fallbackModel && config.fallbackModel !== primaryModel) modelNames.push(config.fallbackModel);

  const candidates = modelNames.map(
    (model) =>
      new ChatOpenAI({
        model,
        apiKey,
        configuration: { baseURL: baseUrl },
        // Retries are ours (ResilientChatModel), so the client must not add its own on top.
        maxRetries: 0,
        timeout: config.timeoutMs,
      }),
  );
  return new ResilientChatModel({
    role,
    candidates,
    endpoint: baseUrl ?? OPENAI_DEFAULT_ENDPOINT,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    prices: config.prices,
    usage: options.usage,
    onRetry: options.onRetry,
    callSlots: options.callSlots,
  });
}

function resolveScript(options: CreateChatModelOptions): ScriptedTurns {
  if (options.script) return options.script;
  if (!options.config.scriptedModelFile) {
    throw new ModelConfigurationError(
      'MODEL_PROVIDER=scripted needs SCRIPTED_MODEL_FILE (the JSON script of model turns to replay)',
    );
  }
  return loadScriptedTurns(options.config.scriptedModelFile);
}
