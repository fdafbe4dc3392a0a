import type { BudgetLine } from '@patchbay/contracts';
import { BudgetExceededError, createChatModel, loadModelConfig } from '@patchbay/model';
import { RoundAllowance } from './round-allowance';
import { InMemoryUsageSink, startFakeChatCompletionsServer, type FakeChatCompletionsServer } from '@patchbay/testing';

const TASK_LINE: BudgetLine = {
  scope: 'task',
  limit: { usd: 0.001, tokens: null },
  source: { usd: 'task', tokens: 'none' },
  spent: { usd: 0.0003, tokens: 2_000 },
  window: null,
};
const DAY_LINE: BudgetLine = {
  scope: 'user_day',
  limit: { usd: null, tokens: 20_000 },
  source: { usd: 'none', tokens: 'organisation' },
  spent: { usd: 0.5, tokens: 10_000 },
  window: { start: '2026-12-05T00:00:00.000Z', end: '2026-12-06T00:00:00.000Z' },
};

/** A coding agent without the database: its round stops at the lines the supervisor sent, over the real chat-completions wire. */
describe('round allowance', () => {
  let server: FakeChatCompletionsServer;

  beforeEach(async () => {
    server = await startFakeChatCompletionsServer([
      { kind: 'text', content: 'one', usage: { promptTokens: 5_000, completionTokens: 100 } },
      { kind: 'text', content: 'two', usage: { promptTokens: 10, completionTokens: 10 } },
    ]);
  });

  afterEach(() => server.close());

  const config = () =>
    loadModelConfig({
      MODEL_PROVIDER: 'openai',
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_API_KEY: 'sk-test-local',
      MODEL_DEFAULT: 'gpt-4o-mini',
    });

  it('adds the round’s calls to every line and refuses the call that would start at a limit, for every model of the round', async () => {
    const allowance = new RoundAllowance([TASK_LINE, DAY_LINE]);
    const reported = new InMemoryUsageSink();
    const coder = createChatModel('coder', { config: config(), usage: allowance.wrap(reported) });
    const summariser = createChatModel('summariser', { config: config(), usage: allowance.wrap(reported) });

    await coder.invoke('go'); // $0.00081 and 5,100 tokens: the task is at $0.00111 of $0.001
    const refusal = await summariser.invoke('condense').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BudgetExceededError);
    expect((refusal as BudgetExceededError).message).toBe('budget reached: $0.0011 of $0.0010 (task budget)');
    // The refused call never reached the server; the one made was still reported for storage.
    expect(server.requests.filter((request) => request.body)).toHaveLength(1);
    expect(reported.records).toHaveLength(1);
    expect(allowance.current().map((line) => line.spent)).toEqual([
      { usd: 0.00111, tokens: 7_100 },
      { usd: 0.50081, tokens: 15_100 },
    ]);
  });

  it('lets calls through while every line is under its limit', async () => {
    const allowance = new RoundAllowance([{ ...TASK_LINE, limit: { usd: 1, tokens: null } }, DAY_LINE]);
    const coder = createChatModel('coder', { config: config(), usage: allowance.wrap(undefined) });
    await coder.invoke('go');
    await coder.invoke('again');
    expect(server.requests.filter((request) => request.body)).toHaveLength(2);
  });
});
