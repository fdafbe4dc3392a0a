import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { startFakeChatCompletionsServer, type FakeChatCompletionsServer } from '@patchbay/testing';
import { runPlannerLoop } from './planner-loop';

const PLAN = {
  summary: 'Greet in French, as the requester chose.',
  steps: [{ id: '1', title: 'Change the greeting to French', files: ['src/greeter.ts'] }],
  targetTests: [],
  classification: 'feature',
};

const QUESTION = {
  question: 'Which language should the greeting use?',
  options: ['French', 'German'],
  classification: 'feature',
};

describe('runPlannerLoop and ask_user', () => {
  let server: FakeChatCompletionsServer;

  beforeEach(async () => {
    server = await startFakeChatCompletionsServer();
  });

  afterEach(() => server.close());

  const model = () =>
    new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: 'test', configuration: { baseURL: server.baseUrl }, maxRetries: 0 });
  const start = () => [new SystemMessage('You are the planner.'), new HumanMessage('Make the greeting friendlier.')];
  const offeredTools = (index: number) =>
    (server.requests[index]?.body?.tools ?? []).map((tool) => tool.function.name).sort();

  it('ends with the question when the planner may ask and does', async () => {
    server.enqueue({ kind: 'tool_calls', toolCalls: [{ name: 'ask_user', arguments: QUESTION }] });

    const outcome = await runPlannerLoop(model(), [], start(), {
      stepBudget: 4,
      onToolCall: async () => undefined,
      mayAsk: true,
    });

    expect(outcome).toMatchObject({ plan: null, question: QUESTION, problem: null });
    expect(offeredTools(0)).toEqual(['ask_user', 'submit_plan']);
  });

  it('neither offers nor honours ask_user once the questions are spent: the planner is told to plan', async () => {
    server.enqueue(
      { kind: 'tool_calls', toolCalls: [{ name: 'ask_user', arguments: QUESTION }] },
      { kind: 'tool_calls', toolCalls: [{ name: 'submit_plan', arguments: PLAN }] },
    );

    const outcome = await runPlannerLoop(model(), [], start(), {
      stepBudget: 4,
      onToolCall: async () => undefined,
      mayAsk: false,
    });

    expect(offeredTools(0)).toEqual(['submit_plan']);
    const refusal = server.requests[1]?.body?.messages.at(-1);
    expect(refusal).toMatchObject({ role: 'tool', content: expect.stringContaining('no questions are left') });
    expect(outcome.question).toBeNull();
    expect(outcome.classification).toBe('feature');
    expect(outcome.plan).toEqual({
      summary: PLAN.summary,
      steps: [{ ...PLAN.steps[0], detail: '' }],
      targetTests: [],
    });
  });

  it('answers a malformed question with its problem and lets the planner go on to plan', async () => {
    server.enqueue(
      { kind: 'tool_calls', toolCalls: [{ name: 'ask_user', arguments: { question: '', classification: 'poetry' } }] },
      { kind: 'tool_calls', toolCalls: [{ name: 'submit_plan', arguments: PLAN }] },
    );

    const outcome = await runPlannerLoop(model(), [], start(), {
      stepBudget: 4,
      onToolCall: async () => undefined,
      mayAsk: true,
    });

    const refusal = server.requests[1]?.body?.messages.at(-1);
    expect(refusal).toMatchObject({ role: 'tool', content: expect.stringContaining('the question did not validate') });
    expect(outcome.plan?.summary).toBe(PLAN.summary);
  });
});
