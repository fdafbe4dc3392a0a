import { randomUUID } from 'node:crypto';
import { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseLanguageModelInput, ToolDefinition } from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  BaseChatModelCallOptions,
  BaseChatModelParams,
  BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import { ChatResult } from '@langchain/core/outputs';
import { Runnable } from '@langchain/core/runnables';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import type { ConcurrencyLimiter } from '@patchbay/concurrency';
import { DescribedModel, ModelDescription, SCRIPTED_MODEL_LABEL } from '../describe-model';
import { ModelRole } from '../model-role';
import { usageFromMessage } from '../usage/model-usage';
import { PriceTable } from '../usage/price-table';
import { UsageSink } from '../usage/usage-sink';
import { ReplayedTurn, ScriptedTurns } from './scripted-turns';

export const SCRIPTED_MODEL_NAME = 'scripted';

export interface ScriptedChatModelCallOptions extends BaseChatModelCallOptions {
  tools?: ToolDefinition[];
}

export interface ScriptedChatModelFields extends BaseChatModelParams {
  role: ModelRole;
  script: ScriptedTurns;
  prices: PriceTable;
  usage?: UsageSink;
  /** The process's bound on model calls in flight, as a real model has it, so load runs queue alike. */
  callSlots?: ConcurrencyLimiter;
}

/**
 * Replays recorded assistant turns as if a model had answered them, tool calls included, so the
 * agents run their real loop offline. Only `describeModel` (label "scripted model") tells it
 * apart from a real model.
 */
export class ScriptedChatModel
  extends BaseChatModel<ScriptedChatModelCallOptions, AIMessageChunk>
  implements DescribedModel
{
  readonly modelDescription: ModelDescription;
  private readonly fields: ScriptedChatModelFields;

  constructor(fields: ScriptedChatModelFields) {
    super(fields);
    this.fields = fields;
    this.modelDescription = {
      provider: 'scripted',
      model: SCRIPTED_MODEL_NAME,
      label: SCRIPTED_MODEL_LABEL,
      scriptLabel: fields.script.label,
    };
  }

  static override lc_name(): string {
    return 'PatchbayScriptedChatModel';
  }

  _llmType(): string {
    return 'patchbay-scripted';
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<ScriptedChatModelCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ScriptedChatModelCallOptions> {
    return this.withConfig({ tools: tools.map((tool) => convertToOpenAITool(tool)), ...kwargs });
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    _runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const slots = this.fields.callSlots;
    return slots
      ? slots.run(() => this.replayTurn(messages, options), { signal: options.signal })
      : this.replayTurn(messages, options);
  }

  private async replayTurn(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const startedAt = performance.now();
    const { role, script, usage, prices } = this.fields;
    script.assertRecordedFor(taskTextOf(messages));
    // Before the turn is taken: a refused call must leave the replay where it was.
    await usage?.beforeCall?.();
    const turn = script.next(role);
    this.assertToolsBound(turn, options.tools ?? []);
    const promptTokens = turn.usage?.promptTokens ?? 0;
    const completionTokens = turn.usage?.completionTokens ?? 0;
    const message = new AIMessage({
      content: turn.content,
      tool_calls: turn.toolCalls.map((call) => ({
        id: `call_${randomUUID()}`,
        name: call.name,
        args: call.args,
        type: 'tool_call',
      })),
      usage_metadata: {
        input_tokens: promptTokens,
        output_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
      response_metadata: {
        model_name: SCRIPTED_MODEL_NAME,
        model_provider: 'scripted',
        script: script.label,
        turn: turn.position,
      },
    });
    await usage?.record(
      usageFromMessage(message, {
        role,
        model: SCRIPTED_MODEL_NAME,
        prices,
        durationMs: performance.now() - startedAt,
      }),
    );
    return { generations: [{ text: turn.content, message }] };
  }

  // A real model can only call the tools it was offered; a script that does otherwise is wrong
  // and should say so here rather than as a confusing failure in the agent.
  private assertToolsBound(turn: ReplayedTurn, tools: ToolDefinition[]): void {
    const offered = new Set(tools.map((tool) => tool.function.name));
    const unknown = turn.toolCalls.map((call) => call.name).filter((name) => !offered.has(name));
    if (unknown.length === 0) return;
    const offeredList = offered.size ? [...offered].join(', ') : 'none';
    throw new Error(
      `Scripted turn ${turn.position} of "${this.fields.script.label}" (${this.fields.script.source}) calls ` +
        `${unknown.map((name) => `"${name}"`).join(', ')}, but the ${this.fields.role} offered only: ${offeredList}`,
    );
  }
}

/** The task text the planner and coder prompts carry between `<task>` tags; null when there is none. */
function taskTextOf(messages: BaseMessage[]): string | null {
  for (const message of messages) {
    const text = typeof message.content === 'string' ? message.content : '';
    const match = /<task>\n?([\s\S]*?)\n?<\/task>/.exec(text);
    if (match) return match[1] ?? '';
  }
  return null;
}
