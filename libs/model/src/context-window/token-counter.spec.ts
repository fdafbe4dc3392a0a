import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { getEncoding } from 'js-tiktoken';
import {
  TokenCounter,
  tokenEncodingForModel,
  TOKENS_PER_MESSAGE,
  TOKENS_PER_NAME,
  TOKENS_PER_REPLY,
  TOKENS_PER_TOOL_CALL,
} from './token-counter';

// An independent encoder from js-tiktoken's full build, to check the counter against.
const o200k = getEncoding('o200k_base');
const tokens = (text: string): number => o200k.encode(text, [], []).length;

describe('TokenCounter', () => {
  it('counts without any network access: the encodings ship inside the package', () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network is off in this test'));
    try {
      expect(TokenCounter.forModel('gpt-4o-mini').countText('function add(a, b) { return a + b; }')).toBeGreaterThan(5);
      expect(new TokenCounter('cl100k_base', true).countText('hello world')).toBe(2);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it.each([
    ['gpt-4o-mini', 'o200k_base', true],
    ['gpt-4o-mini-2024-07-18', 'o200k_base', true],
    ['gpt-4.1', 'o200k_base', true],
    ['openai/gpt-4o', 'o200k_base', true],
    ['o4-mini', 'o200k_base', true],
    ['gpt-4', 'cl100k_base', true],
    ['gpt-3.5-turbo', 'cl100k_base', true],
    ['qwen2.5-coder:7b', 'cl100k_base', false],
    ['Qwen/Qwen2.5-Coder-32B-Instruct', 'cl100k_base', false],
    ['deepseek-chat', 'cl100k_base', false],
  ])('counts %s with %s (its own tokenizer: %s)', (model, encoding, exact) => {
    expect(tokenEncodingForModel(model)).toEqual({ encoding, exact });
    expect(TokenCounter.forModel(model)).toMatchObject({ encoding, exact });
  });

  it('counts text exactly as the tokenizer does', () => {
    const counter = TokenCounter.forModel('gpt-4o');
    const samples = [
      'Fix the off-by-one in range() so that range(0, 3) returns [0, 1, 2].',
      'export function range(start: number, end: number): number[] {\n  return Array.from({ length: end - start }, (_, i) => start + i);\n}\n',
      'Übergrößenträger — naïve café 日本語のテキスト 🚀',
      '',
    ];
    for (const sample of samples) expect(counter.countText(sample)).toBe(tokens(sample));
  });

  it('counts special-token markers inside repository text as ordinary text instead of throwing', () => {
    const counter = TokenCounter.forModel('gpt-4o');
    const text = 'const EOS = "<|endoftext|>"; // the GPT-2 end-of-text marker';
    expect(counter.countText(text)).toBe(tokens(text));
    expect(counter.countText('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('counts a conversation as the chat-completions API spends it', () => {
    const counter = TokenCounter.forModel('gpt-4o-mini');
    const messages = [
      new SystemMessage('You are a careful coding agent.'),
      new HumanMessage({ content: 'Fix the failing test in src/range.ts.', name: 'alice' }),
      new AIMessage({
        content: '',
        tool_calls: [{ id: 'call_1', name: 'read_file', args: { path: 'src/range.ts' }, type: 'tool_call' }],
      }),
      new ToolMessage({ content: 'export const range = () => [];', tool_call_id: 'call_1' }),
      new AIMessage('Done.'),
    ];

    const expected =
      TOKENS_PER_REPLY +
      (TOKENS_PER_MESSAGE + tokens('system') + tokens('You are a careful coding agent.')) +
      (TOKENS_PER_MESSAGE +
        tokens('user') +
        tokens('Fix the failing test in src/range.ts.') +
        TOKENS_PER_NAME +
        tokens('alice')) +
      (TOKENS_PER_MESSAGE +
        tokens('assistant') +
        TOKENS_PER_TOOL_CALL +
        tokens('call_1') +
        tokens('read_file') +
        tokens('{"path":"src/range.ts"}')) +
      (TOKENS_PER_MESSAGE + tokens('tool') + tokens('export const range = () => [];') + tokens('call_1')) +
      (TOKENS_PER_MESSAGE + tokens('assistant') + tokens('Done.'));

    expect(counter.countMessages(messages)).toBe(expected);
    expect(counter.countMessages([])).toBe(TOKENS_PER_REPLY);
  });

  it('counts the text parts of structured content and other parts as their JSON', () => {
    const counter = TokenCounter.forModel('gpt-4o');
    const image = { type: 'image_url', image_url: { url: 'https://example.com/screenshot.png' } };
    const message = new HumanMessage({ content: [{ type: 'text', text: 'What does this show?' }, image] });
    expect(counter.countMessage(message)).toBe(
      TOKENS_PER_MESSAGE + tokens('user') + tokens('What does this show?') + tokens(JSON.stringify(image)),
    );
  });

  it('counts tool definitions sent as JSON', () => {
    const counter = TokenCounter.forModel('gpt-4o');
    const tool = {
      type: 'function',
      function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } },
    };
    expect(counter.countJson([tool])).toBe(tokens(JSON.stringify([tool])));
  });

  it('truncates text to a number of tokens', () => {
    const counter = TokenCounter.forModel('gpt-4o');
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(50);
    const head = counter.truncateText(text, 40);
    expect(text.startsWith(head)).toBe(true);
    expect(counter.countText(head)).toBe(40);
    expect(counter.truncateText('short', 40)).toBe('short');
    expect(counter.truncateText(text, 0)).toBe('');
  });
});
