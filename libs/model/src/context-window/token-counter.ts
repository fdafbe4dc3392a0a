import { AIMessage, type BaseMessage, type MessageContent, ToolMessage } from '@langchain/core/messages';
import { getEncodingNameForModel, Tiktoken, type TiktokenModel } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

/** The two encodings every current chat model of OpenAI uses; both ship inside js-tiktoken (no download). */
export type TokenEncodingName = 'o200k_base' | 'cl100k_base';

/**
 * Chat formatting that the API adds around messages, from OpenAI's "How to count tokens" guide:
 * every message costs 3 tokens beyond its fields, a `name` 1 more, and every reply is primed with 3.
 */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const TOKENS_PER_REPLY = 3;
/**
 * A tool call is rendered with its id, name and JSON arguments plus structure the guide does not
 * document; this allowance covers that structure so counts err on the high side.
 */
export const TOKENS_PER_TOOL_CALL = 8;

const RANKS = { o200k_base: o200kBase, cl100k_base: cl100kBase } as const;
// Building an encoder parses its whole rank table (seconds on a busy machine): once per process.
const encoders = new Map<TokenEncodingName, Tiktoken>();

function encoderFor(encoding: TokenEncodingName): Tiktoken {
  let encoder = encoders.get(encoding);
  if (!encoder) {
    encoder = new Tiktoken(RANKS[encoding]);
    encoders.set(encoding, encoder);
  }
  return encoder;
}

/** Which encoding counts a model's tokens, and whether it is that model's own tokenizer. */
export function tokenEncodingForModel(model: string): { encoding: TokenEncodingName; exact: boolean } {
  // LiteLLM-style names ("openai/gpt-4o") carry the provider in front.
  const bare = model.slice(model.lastIndexOf('/') + 1);
  try {
    const encoding = getEncodingNameForModel(bare as TiktokenModel);
    if (encoding === 'o200k_base' || encoding === 'cl100k_base') return { encoding, exact: true };
  } catch {
    // Not an OpenAI model js-tiktoken knows; counted with cl100k below.
  }
  // Other models (Qwen, DeepSeek, Llama 3, Mistral) have their own vocabularies. cl100k_base is
  // the smaller of the two tables, so it splits text into at least as many tokens as those larger
  // vocabularies usually do: an estimate on the high side, flagged as inexact for the budget.
  return { encoding: 'cl100k_base', exact: false };
}

/**
 * Counts tokens the way a chat-completions request spends them, with a real BPE tokenizer
 * (js-tiktoken). Exact for OpenAI models; for other models `exact` is false and the counts are an
 * estimate with the cl100k table (see `tokenEncodingForModel`).
 */
export class TokenCounter {
  private readonly encoder: Tiktoken;

  constructor(
    readonly encoding: TokenEncodingName,
    /** Whether `encoding` is the model's own tokenizer. */
    readonly exact: boolean = true,
  ) {
    this.encoder = encoderFor(encoding);
  }

  static forModel(model: string): TokenCounter {
    const { encoding, exact } = tokenEncodingForModel(model);
    return new TokenCounter(encoding, exact);
  }

  /** Tokens of plain text. Special-token markers (`<|endoftext|>`) in it count as ordinary text, as the API treats them. */
  countText(text: string): number {
    return text === '' ? 0 : this.encode(text).length;
  }

  /** Tokens of a value sent as JSON, e.g. the tool definitions of a request. */
  countJson(value: unknown): number {
    return this.countText(JSON.stringify(value) ?? '');
  }

  /** The first `maxTokens` tokens of a text, decoded back to text. */
  truncateText(text: string, maxTokens: number): string {
    if (maxTokens <= 0) return '';
    const tokens = this.encode(text);
    if (tokens.length <= maxTokens) return text;
    let cut = maxTokens;
    let head = this.encoder.decode(tokens.slice(0, cut));
    // Re-encoding a cut can merge differently; shrink until the result itself fits.
    while (cut > 0 && this.countText(head) > maxTokens) {
      cut -= 1;
      head = this.encoder.decode(tokens.slice(0, cut));
    }
    return head;
  }

  /** Tokens one message costs in a request: its role, content, name, tool calls or tool call id, and the per-message framing. */
  countMessage(message: BaseMessage): number {
    let tokens = TOKENS_PER_MESSAGE + this.countText(apiRole(message)) + this.countContent(message.content);
    if (message.name) tokens += TOKENS_PER_NAME + this.countText(message.name);
    if (AIMessage.isInstance(message)) {
      for (const call of message.tool_calls ?? []) {
        tokens +=
          TOKENS_PER_TOOL_CALL + this.countText(call.id ?? '') + this.countText(call.name) + this.countJson(call.args);
      }
    }
    if (ToolMessage.isInstance(message)) tokens += this.countText(message.tool_call_id);
    return tokens;
  }

  /** Tokens of a whole request's messages, including the priming of the reply. */
  countMessages(messages: readonly BaseMessage[]): number {
    return messages.reduce((total, message) => total + this.countMessage(message), TOKENS_PER_REPLY);
  }

  /** Tokens of message content: text parts as text; other parts (images, files) as their JSON, an upper bound. */
  countContent(content: MessageContent): number {
    if (typeof content === 'string') return this.countText(content);
    return content.reduce(
      (total, part) =>
        total +
        (part.type === 'text' && typeof part.text === 'string' ? this.countText(part.text) : this.countJson(part)),
      0,
    );
  }

  private encode(text: string): number[] {
    return this.encoder.encode(text, [], []);
  }
}

/** The role name the chat-completions API sees for a LangChain message. */
function apiRole(message: BaseMessage): string {
  switch (message.type) {
    case 'human':
      return 'user';
    case 'ai':
      return 'assistant';
    default:
      return message.type;
  }
}

/** The text of message content, for notes and summaries. */
export function messageContentText(content: MessageContent): string {
  if (typeof content === 'string') return content;
  return content
    .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : `[${part.type}]`))
    .join('');
}
