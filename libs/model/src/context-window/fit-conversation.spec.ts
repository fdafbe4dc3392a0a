import { AIMessage, type BaseMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { readFileSync } from 'node:fs';
import { loadModelConfig } from '../model-config';
import { ContextWindowExceededError } from './context-window-exceeded.error';
import { contextBudgetFor } from './context-window-size';
import { CONTEXT_SUMMARY_MESSAGE_ID, type ConversationSummariser, fitConversation } from './fit-conversation';
import { TokenCounter } from './token-counter';
import { findToolCallPairingProblems } from './tool-call-pairing';
import { startFakeChatCompletionsServer } from '@patchbay/testing';

const counter = TokenCounter.forModel('gpt-4o-mini');
// A long, real source file: the coder read it whole with read_file.
const LONG_REPOSITORY_FILE = readFileSync(require.resolve('typescript/lib/lib.es5.d.ts'), 'utf8').slice(0, 60_000);

const SYSTEM = new SystemMessage(
  "You are Patchbay's coding agent. Work only through the tools. Stop when the tests pass.",
);
const ASSIGNMENT = new HumanMessage(
  'Task: make `Array.prototype.at` typings accept negative indexes in lib.es5.d.ts.\n' +
    'Approved plan: 1. read lib.es5.d.ts 2. edit the Array interface 3. run the tests.\n' +
    'Test command: npm test\nBaseline failures: typings › at() accepts -1',
);

let callCount = 0;
function toolRound(name: string, args: Record<string, unknown>, output: string, thought = ''): BaseMessage[] {
  callCount += 1;
  const id = `call_${callCount}`;
  return [
    new AIMessage({ content: thought, tool_calls: [{ id, name, args, type: 'tool_call' }] }),
    new ToolMessage({ content: output, tool_call_id: id }),
  ];
}

function summariserSaying(text: string): jest.MockedFunction<ConversationSummariser> {
  return jest.fn<ReturnType<ConversationSummariser>, Parameters<ConversationSummariser>>(async () => text);
}

/** The 8k-token window of issue 13's acceptance, as an operator would configure it. */
const EIGHT_K = contextBudgetFor(loadModelConfig({ MODEL_CONTEXT_WINDOW_CODER: '8192' }), 'coder');

describe('fitConversation', () => {
  it('brings a conversation with a long repository file in a tool output under an 8k window', async () => {
    const conversation = [
      SYSTEM,
      ASSIGNMENT,
      ...toolRound('read_file', { path: 'lib.es5.d.ts' }, LONG_REPOSITORY_FILE),
      ...toolRound('search_files', { query: 'at(index' }, 'lib.es5.d.ts:1290: at(index: number): T | undefined;'),
      ...toolRound(
        'edit_file',
        { path: 'lib.es5.d.ts', old: 'at(index: number)', new: 'at(index: number /* may be negative */)' },
        'Edited lib.es5.d.ts (1 change).',
      ),
    ];
    expect(EIGHT_K).toMatchObject({
      contextWindow: 8_192,
      reservedOutputTokens: 2_048,
      budgetTokens: 6_144,
      tokenizer: { encoding: 'o200k_base', exact: true },
    });
    const before = counter.countMessages(conversation);
    expect(before).toBeGreaterThan(8_192);

    const summarise = summariserSaying('never needed');
    const fitted = await fitConversation(conversation, { counter, budgetTokens: EIGHT_K.budgetTokens, summarise });

    expect(fitted.tokens).toBeLessThanOrEqual(EIGHT_K.budgetTokens);
    expect(fitted.tokens).toBe(counter.countMessages(fitted.messages));
    expect(fitted.originalTokens).toBe(before);
    expect(findToolCallPairingProblems(fitted.messages)).toEqual([]);
    // Eliding the old file read was enough: nothing summarised, every message still there.
    expect(summarise).not.toHaveBeenCalled();
    expect(fitted).toMatchObject({ elidedToolOutputs: 1, summarisedMessages: 0 });
    expect(fitted.messages).toHaveLength(conversation.length);
    expect(fitted.messages[0]).toBe(SYSTEM);
    expect(fitted.messages[1]).toBe(ASSIGNMENT);

    const elided = fitted.messages[3] as ToolMessage;
    expect(ToolMessage.isInstance(elided)).toBe(true);
    expect(elided.tool_call_id).toBe((conversation[2] as AIMessage).tool_calls?.[0].id);
    expect(elided.content).toBe(
      `[read_file output elided to fit the context window: it was ${LONG_REPOSITORY_FILE.length} characters ` +
        `(${counter.countText(LONG_REPOSITORY_FILE)} tokens). Call the tool again if you still need it.]`,
    );
    // The input is not modified.
    expect((conversation[3] as ToolMessage).content).toBe(LONG_REPOSITORY_FILE);
  });

  it('sends the fitted conversation to a chat-completions endpoint that checks tool-call pairing, and it is accepted', async () => {
    const server = await startFakeChatCompletionsServer([{ kind: 'text', content: 'The change is in place.' }]);
    try {
      const conversation = [
        SYSTEM,
        ASSIGNMENT,
        ...toolRound('read_file', { path: 'lib.es5.d.ts' }, LONG_REPOSITORY_FILE),
        ...toolRound('read_file', { path: 'lib.es5.d.ts', startLine: 1200 }, LONG_REPOSITORY_FILE.slice(20_000)),
        new AIMessage('I will now edit the Array interface.'),
        ...toolRound('edit_file', { path: 'lib.es5.d.ts' }, 'Edited.'),
      ];
      const fitted = await fitConversation(conversation, {
        counter,
        budgetTokens: EIGHT_K.budgetTokens,
        summarise: summariserSaying('Read the file.'),
      });
      const model = new ChatOpenAI({
        model: 'gpt-4o-mini',
        apiKey: 'test',
        configuration: { baseURL: server.baseUrl },
        maxRetries: 0,
      });

      const answer = await model.invoke(fitted.messages);

      expect(answer.content).toBe('The change is in place.');
      expect(server.requests[0].rejection).toBeUndefined();
      expect(server.requests[0].body?.messages).toHaveLength(fitted.messages.length);
    } finally {
      await server.close();
    }
  });

  it('spares the latest round while older tool outputs can make room', async () => {
    const latestOutput = LONG_REPOSITORY_FILE.slice(0, 8_000);
    const conversation = [
      SYSTEM,
      ASSIGNMENT,
      ...toolRound('read_file', { path: 'a.ts' }, LONG_REPOSITORY_FILE.slice(0, 12_000)),
      ...toolRound('read_file', { path: 'b.ts' }, LONG_REPOSITORY_FILE.slice(12_000, 24_000)),
      ...toolRound('read_file', { path: 'c.ts' }, latestOutput),
    ];

    const fitted = await fitConversation(conversation, {
      counter,
      budgetTokens: 4_000,
      summarise: summariserSaying('unused'),
    });

    expect(fitted.tokens).toBeLessThanOrEqual(4_000);
    expect(fitted.elidedToolOutputs).toBe(2);
    expect(String(fitted.messages[3].content)).toMatch(/^\[read_file output elided/);
    expect(String(fitted.messages[5].content)).toMatch(/^\[read_file output elided/);
    expect(fitted.messages[7].content).toBe(latestOutput);
  });

  it('elides oldest first and stops as soon as the conversation fits', async () => {
    const conversation = [
      SYSTEM,
      ASSIGNMENT,
      ...toolRound('read_file', { path: 'a.ts' }, LONG_REPOSITORY_FILE.slice(0, 6_000)),
      ...toolRound('read_file', { path: 'b.ts' }, LONG_REPOSITORY_FILE.slice(6_000, 12_000)),
      ...toolRound('list_directory', { path: '.' }, 'src/\ntest/\npackage.json'),
    ];
    const budget = counter.countMessages(conversation) - 100;

    const fitted = await fitConversation(conversation, {
      counter,
      budgetTokens: budget,
      summarise: summariserSaying('unused'),
    });

    expect(fitted.elidedToolOutputs).toBe(1);
    expect(String(fitted.messages[3].content)).toMatch(/^\[read_file output elided/);
    expect(fitted.messages[5].content).toBe(LONG_REPOSITORY_FILE.slice(6_000, 12_000));
  });

  it('replaces earlier steps with one summary when eliding is not enough, keeping tool calls with their results', async () => {
    // Long reasoning and long edit arguments cannot be elided; only a summary makes room.
    const reasoning = (step: number): string =>
      `Step ${step}: ${LONG_REPOSITORY_FILE.slice(step * 3_000, step * 3_000 + 2_500)}`;
    const steps: BaseMessage[] = [];
    for (let step = 1; step <= 8; step += 1) {
      steps.push(
        ...toolRound(
          'edit_file',
          { path: `src/file-${step}.ts`, content: LONG_REPOSITORY_FILE.slice(step * 1_000, step * 1_000 + 1_500) },
          `Edited src/file-${step}.ts`,
          reasoning(step),
        ),
      );
    }
    const conversation = [SYSTEM, ASSIGNMENT, ...steps];
    const summarise = summariserSaying(
      'Edited src/file-1.ts to src/file-5.ts to accept negative indexes; tests not run yet.',
    );

    const fitted = await fitConversation(conversation, { counter, budgetTokens: EIGHT_K.budgetTokens, summarise });

    expect(fitted.tokens).toBeLessThanOrEqual(EIGHT_K.budgetTokens);
    expect(findToolCallPairingProblems(fitted.messages)).toEqual([]);
    expect(fitted.messages.slice(0, 2)).toEqual([SYSTEM, ASSIGNMENT]);

    const summary = fitted.messages[2];
    expect(HumanMessage.isInstance(summary)).toBe(true);
    expect(summary.id).toBe(CONTEXT_SUMMARY_MESSAGE_ID);
    expect(summary.content).toBe(
      `[Summary of ${fitted.summarisedMessages} earlier messages, condensed to fit the context window]\n\n` +
        'Edited src/file-1.ts to src/file-5.ts to accept negative indexes; tests not run yet.',
    );

    // The summariser got the oldest whole rounds; the newest rounds follow the summary verbatim.
    expect(summarise).toHaveBeenCalledTimes(1);
    const [summarised, { maxTokens }] = summarise.mock.calls[0];
    expect(summarised).toEqual(steps.slice(0, fitted.summarisedMessages));
    expect(fitted.summarisedMessages % 2).toBe(0);
    expect(maxTokens).toBeGreaterThan(0);
    expect(maxTokens).toBeLessThanOrEqual(1_024);
    expect(fitted.messages.slice(3)).toEqual(steps.slice(fitted.summarisedMessages));
    expect(fitted.messages.length).toBeGreaterThan(3);
  });

  it('cuts a summary that is longer than the room left for it', async () => {
    const steps: BaseMessage[] = [];
    for (let step = 1; step <= 6; step += 1)
      steps.push(
        new AIMessage(`Thinking, step ${step}: ${LONG_REPOSITORY_FILE.slice(step * 4_000, step * 4_000 + 4_000)}`),
      );
    const summarise = summariserSaying(LONG_REPOSITORY_FILE);

    const fitted = await fitConversation([SYSTEM, ASSIGNMENT, ...steps], { counter, budgetTokens: 3_000, summarise });

    expect(fitted.tokens).toBeLessThanOrEqual(3_000);
    expect(fitted.summarisedMessages).toBeGreaterThan(0);
    expect(String(fitted.messages[2].content)).toContain(LONG_REPOSITORY_FILE.slice(0, 200));
  });

  it('elides the latest round too, and summarises everything before it, when the latest round alone is too big', async () => {
    const conversation = [
      SYSTEM,
      ASSIGNMENT,
      new AIMessage(`Plan notes: ${LONG_REPOSITORY_FILE.slice(0, 6_000)}`),
      ...toolRound('read_file', { path: 'lib.es5.d.ts' }, LONG_REPOSITORY_FILE),
    ];

    const fitted = await fitConversation(conversation, {
      counter,
      budgetTokens: 2_000,
      summarise: summariserSaying('Noted the plan.'),
    });

    expect(fitted.tokens).toBeLessThanOrEqual(2_000);
    expect(findToolCallPairingProblems(fitted.messages)).toEqual([]);
    expect(fitted.summarisedMessages).toBe(1);
    expect(fitted.elidedToolOutputs).toBe(1);
    expect(fitted.messages.map((message) => message.type)).toEqual(['system', 'human', 'human', 'ai', 'tool']);
  });

  it('returns a conversation that already fits unchanged, without calling the summariser', async () => {
    const conversation = [SYSTEM, ASSIGNMENT, ...toolRound('read_file', { path: 'a.ts' }, 'export {};')];
    const summarise = summariserSaying('unused');

    const fitted = await fitConversation(conversation, { counter, budgetTokens: EIGHT_K.budgetTokens, summarise });

    expect(fitted.messages).toEqual(conversation);
    expect(fitted.messages[3]).toBe(conversation[3]);
    expect(fitted).toMatchObject({
      elidedToolOutputs: 0,
      summarisedMessages: 0,
      tokens: counter.countMessages(conversation),
    });
    expect(summarise).not.toHaveBeenCalled();
  });

  it('throws a typed error when the system message and the assignment alone are over the budget', async () => {
    const hugeAssignment = new HumanMessage(`Task with the whole file pasted in:\n${LONG_REPOSITORY_FILE}`);
    const required = counter.countMessages([SYSTEM, hugeAssignment]);

    const attempt = fitConversation([SYSTEM, hugeAssignment, new AIMessage('ok')], {
      counter,
      budgetTokens: EIGHT_K.budgetTokens,
      summarise: summariserSaying('x'),
    });

    await expect(attempt).rejects.toBeInstanceOf(ContextWindowExceededError);
    await expect(attempt).rejects.toMatchObject({
      details: { requiredTokens: required, budgetTokens: 6_144, protectedMessages: 2 },
    });
    await expect(attempt).rejects.toThrow(
      `The system message and the assignment alone take ${required} tokens, over the budget of 6144`,
    );
  });

  it('never summarises the system message or the assignment, even in a long conversation', async () => {
    const steps: BaseMessage[] = [];
    for (let step = 1; step <= 30; step += 1)
      steps.push(new AIMessage(`note ${step}: ${LONG_REPOSITORY_FILE.slice(step * 500, step * 500 + 1_500)}`));
    const summarise = summariserSaying('Earlier notes.');

    const fitted = await fitConversation([SYSTEM, ASSIGNMENT, ...steps], { counter, budgetTokens: 1_500, summarise });

    expect(fitted.tokens).toBeLessThanOrEqual(1_500);
    expect(fitted.messages[0]).toBe(SYSTEM);
    expect(fitted.messages[1]).toBe(ASSIGNMENT);
    expect(summarise.mock.calls[0][0]).not.toContain(SYSTEM);
    expect(summarise.mock.calls[0][0]).not.toContain(ASSIGNMENT);
  });
});

describe('findToolCallPairingProblems', () => {
  it('accepts a valid conversation and names each break in the pairing', () => {
    const call = new AIMessage({
      content: '',
      tool_calls: [
        { id: 'call_a', name: 'read_file', args: {}, type: 'tool_call' },
        { id: 'call_b', name: 'list_directory', args: {}, type: 'tool_call' },
      ],
    });
    expect(
      findToolCallPairingProblems([
        SYSTEM,
        ASSIGNMENT,
        call,
        new ToolMessage({ content: 'a', tool_call_id: 'call_a' }),
        new ToolMessage({ content: 'b', tool_call_id: 'call_b' }),
      ]),
    ).toEqual([]);

    expect(
      findToolCallPairingProblems([
        ASSIGNMENT,
        call,
        new ToolMessage({ content: 'a', tool_call_id: 'call_a' }),
        new AIMessage('done'),
      ]),
    ).toEqual(['message 1: tool call(s) call_b have no tool message answering them']);
    expect(
      findToolCallPairingProblems([ASSIGNMENT, new ToolMessage({ content: 'a', tool_call_id: 'call_x' })]),
    ).toEqual(['message 1: tool message for call_x does not follow an assistant message with tool calls']);
    expect(
      findToolCallPairingProblems([
        call,
        new ToolMessage({ content: 'a', tool_call_id: 'call_z' }),
        new ToolMessage({ content: 'a', tool_call_id: 'call_a' }),
        new ToolMessage({ content: 'b', tool_call_id: 'call_b' }),
      ]),
    ).toEqual(['message 1: tool message for call_z answers no open tool call of message 0']);
  });
});
