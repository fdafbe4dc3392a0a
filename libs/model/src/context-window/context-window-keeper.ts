import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { trimMiddle } from '@patchbay/contracts';
import type { ContextBudget } from './context-window-size';
import { fitConversation, type FittedConversation } from './fit-conversation';
import { messageContentText, TokenCounter } from './token-counter';

const SUMMARY_PROMPT = `You condense the earlier part of a coding agent's conversation so it can go on within its context window.
Keep what the agent will need: files read and what they showed (paths, line numbers, names), edits made, commands run and their results, and what is left to do.
Write plain text, no preamble.`;

/**
 * Keeps one agent's conversation inside its model's context window before every request: the
 * tool definitions sent with each request are counted too, old tool outputs go first, then a
 * summary written by `summariser` replaces the earliest steps (see fitConversation).
 */
export class ContextWindowKeeper {
  private readonly counter: TokenCounter;
  private readonly budgetTokens: number;

  constructor(
    budget: ContextBudget,
    private readonly summariser: BaseChatModel,
    toolDefinitions: readonly unknown[] = [],
  ) {
    this.counter = TokenCounter.forModel(budget.model);
    this.budgetTokens = budget.budgetTokens - this.counter.countJson(toolDefinitions);
  }

  /** The conversation to send; the caller keeps it as its history, so a summary is written once. */
  fitToWindow(messages: readonly BaseMessage[]): Promise<FittedConversation> {
    return fitConversation(messages, {
      counter: this.counter,
      budgetTokens: this.budgetTokens,
      summarise: async (earlier, { maxTokens }) => {
        const transcript = earlier
          .map((message) => `[${message.getType()}] ${messageContentText(message.content)}`)
          .join('\n\n');
        const reply = await this.summariser.invoke([
          new SystemMessage(SUMMARY_PROMPT),
          new HumanMessage(
            `Summarise in at most ${maxTokens} tokens:\n\n${this.fitTranscript(transcript, this.budgetTokens - maxTokens - 200)}`,
          ),
        ]);
        return this.counter.truncateText(messageContentText(reply.content), maxTokens);
      },
    });
  }

  /** The transcript within `maxTokens`, cut from the middle: how the work began and where it stands both matter. */
  private fitTranscript(transcript: string, maxTokens: number): string {
    let text = transcript;
    for (let tokens = this.counter.countText(text); tokens > maxTokens; tokens = this.counter.countText(text)) {
      text = trimMiddle(transcript, Math.floor((text.length * maxTokens * 0.95) / tokens));
    }
    return text;
  }
}
