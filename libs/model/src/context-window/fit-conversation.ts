import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { ContextWindowExceededError } from './context-window-exceeded.error';
import { messageContentText, type TokenCounter } from './token-counter';

/**
 * Writes a summary of earlier steps (the summariser role's model, in production). `maxTokens` is
 * the length the summary should stay under; a longer one is cut to fit. The callback gets the
 * messages as the conversation currently shows them (old tool outputs may already be elided).
 */
export type ConversationSummariser = (messages: BaseMessage[], options: { maxTokens: number }) => Promise<string>;

export interface FitConversationOptions {
  counter: TokenCounter;
  /** The most tokens the messages may take: the context window minus reserved output (see `contextBudgetFor`), minus tool definitions. */
  budgetTokens: number;
  summarise: ConversationSummariser;
  /** Tool outputs of at most this many tokens are not worth eliding. Default 100. */
  minElidableTokens?: number;
  /** The longest summary asked for. Default 1024, and never more than half of what the protected messages leave. */
  maxSummaryTokens?: number;
}

export interface FittedConversation {
  /** The conversation to send: at most `budgetTokens` tokens, tool-call pairing intact. */
  messages: BaseMessage[];
  /** Its tokens as `counter.countMessages` counts them. */
  tokens: number;
  originalTokens: number;
  budgetTokens: number;
  /** How many tool outputs were replaced by a note. */
  elidedToolOutputs: number;
  /** How many messages the summary replaced; 0 when none was needed. */
  summarisedMessages: number;
}

export const DEFAULT_MIN_ELIDABLE_TOKENS = 100;
export const DEFAULT_MAX_SUMMARY_TOKENS = 1_024;
/** The id of the message that stands in for summarised steps. */
export const CONTEXT_SUMMARY_MESSAGE_ID = 'patchbay-context-summary';

interface Unit {
  start: number;
  end: number;
}

/**
 * Makes a conversation fit a token budget, in the order that loses the least:
 *
 * 1. Old tool outputs are elided, oldest first: the content of a tool message becomes a short note
 *    naming the tool and the original size. The message itself stays, so every tool call keeps its
 *    answer and the API accepts the pairing. The latest round's outputs are spared here.
 * 2. If that is not enough, a run of the earliest steps is replaced by one summary message written
 *    by `summarise`; as many recent steps as fit are kept verbatim (eliding their tool outputs too
 *    when the latest round alone is too big). An assistant message with tool calls and its tool
 *    messages are kept or summarised together, never split.
 *
 * The protected head — every message up to and including the first human message (the system
 * prompt and the assignment) — is never changed. A conversation already within budget is returned
 * as it is.
 *
 * @throws ContextWindowExceededError when the protected head alone is over the budget
 */
export async function fitConversation(
  messages: readonly BaseMessage[],
  options: FitConversationOptions,
): Promise<FittedConversation> {
  const { counter, budgetTokens } = options;
  const minElidableTokens = options.minElidableTokens ?? DEFAULT_MIN_ELIDABLE_TOKENS;

  const headLength = protectedHeadLength(messages);
  const head = messages.slice(0, headLength);
  const headTokens = counter.countMessages(head);
  if (headTokens > budgetTokens) {
    throw new ContextWindowExceededError({ requiredTokens: headTokens, budgetTokens, protectedMessages: headLength });
  }

  const steps = messages.slice(headLength);
  const stepTokens = steps.map((message) => counter.countMessage(message));
  const toolNames = toolNamesByCallId(messages);
  const stepsTotal = (from = 0, to = steps.length): number => sum(stepTokens.slice(from, to));
  const originalTokens = headTokens + stepsTotal();
  let elidedToolOutputs = 0;

  const result = (summary: BaseMessage[], keptFrom: number, summarisedMessages: number): FittedConversation => {
    const fitted = [...head, ...summary, ...steps.slice(keptFrom)];
    return {
      messages: fitted,
      tokens: counter.countMessages(fitted),
      originalTokens,
      budgetTokens,
      elidedToolOutputs,
      summarisedMessages,
    };
  };

  const elide = (index: number): void => {
    const message = steps[index];
    if (!ToolMessage.isInstance(message) || counter.countContent(message.content) <= minElidableTokens) return;
    const replacement = elideToolOutput(
      message,
      toolNames.get(message.tool_call_id) ?? message.name ?? 'tool',
      counter,
    );
    const tokens = counter.countMessage(replacement);
    if (tokens >= stepTokens[index]) return;
    steps[index] = replacement;
    stepTokens[index] = tokens;
    elidedToolOutputs += 1;
  };

  if (originalTokens <= budgetTokens) return result([], 0, 0);

  // 1. Old tool outputs, oldest first; the latest round is what the model is acting on, so it waits.
  const units = groupIntoUnits(steps);
  const latest = units[units.length - 1];
  for (let index = 0; index < (latest?.start ?? 0) && headTokens + stepsTotal() > budgetTokens; index += 1)
    elide(index);
  if (headTokens + stepsTotal() <= budgetTokens) return result([], 0, 0);

  // 2. Keep the newest steps that fit beside a summary; summarise the rest.
  const room = budgetTokens - headTokens;
  const summaryAllowance = Math.max(
    0,
    Math.min(options.maxSummaryTokens ?? DEFAULT_MAX_SUMMARY_TOKENS, Math.floor(room / 2)),
  );
  const frameTokens = counter.countMessage(summaryMessage(steps.length, ''));
  let available = room - frameTokens - summaryAllowance;
  let keptFromUnit = units.length;
  for (let unitIndex = units.length - 1; unitIndex >= 0; unitIndex -= 1) {
    const unit = units[unitIndex];
    if (stepsTotal(unit.start, unit.end) > available && unitIndex === units.length - 1) {
      for (let index = unit.start; index < unit.end; index += 1) elide(index);
    }
    const cost = stepsTotal(unit.start, unit.end);
    if (cost > available) break;
    available -= cost;
    keptFromUnit = unitIndex;
  }
  const keptFrom = keptFromUnit < units.length ? units[keptFromUnit].start : steps.length;
  if (keptFrom === 0) return result([], 0, 0);

  const run = steps.slice(0, keptFrom);
  const keptTokens = stepsTotal(keptFrom);
  const textRoom = budgetTokens - headTokens - keptTokens - frameTokens;
  if (textRoom <= 0) return result([], keptFrom, run.length);

  const written = await options.summarise(run, { maxTokens: Math.min(summaryAllowance, textRoom) });
  let text = counter.truncateText(written.trim(), textRoom);
  let summary = summaryMessage(run.length, text);
  // The header and the text can tokenize across their join differently from apart; shave until it fits.
  while (headTokens + keptTokens + counter.countMessage(summary) > budgetTokens && text !== '') {
    text = counter.truncateText(text, counter.countText(text) - 1);
    summary = summaryMessage(run.length, text);
  }
  const withSummary = result([summary], keptFrom, run.length);
  // Only a budget too small for the summary's own header gets here; the kept steps fit without it.
  return withSummary.tokens <= budgetTokens ? withSummary : result([], keptFrom, run.length);
}

/** Everything up to and including the first human message: the system prompt and the assignment. */
function protectedHeadLength(messages: readonly BaseMessage[]): number {
  const firstHuman = messages.findIndex((message) => HumanMessage.isInstance(message));
  if (firstHuman >= 0) return firstHuman + 1;
  const firstNonSystem = messages.findIndex((message) => message.type !== 'system');
  return firstNonSystem < 0 ? messages.length : firstNonSystem;
}

/** An assistant message with tool calls and the tool messages after it form one unit; any other message is a unit alone. */
function groupIntoUnits(steps: readonly BaseMessage[]): Unit[] {
  const units: Unit[] = [];
  let start = 0;
  while (start < steps.length) {
    let end = start + 1;
    const message = steps[start];
    if (AIMessage.isInstance(message) && (message.tool_calls?.length ?? 0) > 0) {
      while (end < steps.length && ToolMessage.isInstance(steps[end])) end += 1;
    }
    units.push({ start, end });
    start = end;
  }
  return units;
}

function toolNamesByCallId(messages: readonly BaseMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (!AIMessage.isInstance(message)) continue;
    for (const call of message.tool_calls ?? []) if (call.id) names.set(call.id, call.name);
  }
  return names;
}

function elideToolOutput(message: ToolMessage, toolName: string, counter: TokenCounter): ToolMessage {
  const original = messageContentText(message.content);
  const note =
    `[${toolName} output elided to fit the context window: it was ${original.length} characters ` +
    `(${counter.countContent(message.content)} tokens). Call the tool again if you still need it.]`;
  return new ToolMessage({
    content: note,
    tool_call_id: message.tool_call_id,
    name: message.name,
    status: message.status,
    id: message.id,
  });
}

function summaryMessage(summarisedMessages: number, text: string): HumanMessage {
  return new HumanMessage({
    id: CONTEXT_SUMMARY_MESSAGE_ID,
    content: `[Summary of ${summarisedMessages} earlier messages, condensed to fit the context window]\n\n${text}`,
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
