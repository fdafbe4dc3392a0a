import { BudgetExceededError, type ModelUsage, type UsageSink } from '@patchbay/model';
import { BudgetRepository, UsageRepository } from '@patchbay/persistence';
import { createGitRepository, startGatewayTestApp, uniqueName, type GatewayTestApp } from '@patchbay/testing';
import { BudgetGuard } from './budget-guard';

const NO_DEFAULTS = {
  task: { usd: null, tokens: null },
  user_day: { usd: null, tokens: null },
  organisation_month: { usd: null, tokens: null },
};

function call(costUsd: number, tokens: number): ModelUsage {
  return { role: 'coder', model: 'gpt-4o-mini', promptTokens: tokens, completionTokens: 0, costUsd, durationMs: 3 };
}

describe('budget guard (real Postgres)', () => {
  let gw: GatewayTestApp;
  let owner: { organisationId: string; userId: string; taskId: string };

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const admin = await gw.login(uniqueName('admin'), uniqueName('org'));
    const auth = { authorization: `Bearer ${admin.token}` };
    await gw.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/guard', importFrom: createGitRepository() })
      .expect(201);
    const taskId = (
      await gw.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({ repository: 'acme/guard', prompt: 'p', budget: { usd: 0.001, tokens: 10_000 } })
        .expect(201)
    ).body.id as string;
    owner = {
      organisationId: ((await gw.http.get('/api/v1/auth/me').set(auth)).body as { organisationId: string })
        .organisationId,
      userId: admin.userId,
      taskId,
    };
  });

  afterAll(() => gw.close());

  it('counts a call whose usage is not stored yet, and counts it once when it is', async () => {
    const guard = new BudgetGuard(gw.app.get(BudgetRepository), NO_DEFAULTS, { recordWaitMs: 100, pollMs: 10 });
    // The gateway is "down": reports are kept, nothing reaches usage_records.
    const reported: ModelUsage[] = [];
    const lost: UsageSink = { record: async (usage) => void reported.push(usage) };
    const sink = guard.wrap(lost, owner);

    await expect(sink.beforeCall?.()).resolves.toBeUndefined();
    await sink.record(call(0.0012, 900));
    expect(reported[0]?.callId).toMatch(/^[0-9a-f-]{36}$/);

    // Refused from the in-flight record alone.
    const refusal = await sink.beforeCall?.().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BudgetExceededError);
    expect((refusal as BudgetExceededError).message).toBe('budget reached: $0.0012 of $0.0010 (task budget)');

    // The gateway catches up (twice: a redelivery); the call is still counted once.
    const usage = gw.app.get(UsageRepository);
    for (let i = 0; i < 2; i++) await usage.insert({ ...owner, ...reported[0], callId: reported[0].callId });
    const lines = await gw.app
      .get(BudgetRepository)
      .linesForTask((await gw.app.get(BudgetRepository).findTaskSubject(owner.taskId))!, NO_DEFAULTS, new Date());
    expect(lines.find((line) => line.scope === 'task')?.spent).toEqual({ usd: 0.0012, tokens: 900 });
    const again = await sink.beforeCall?.().catch((error: unknown) => error);
    expect((again as BudgetExceededError).reached).toMatchObject({
      scope: 'task',
      unit: 'usd',
      spent: 0.0012,
      limit: 0.001,
    });
  });

  it('waits until the gateway has stored a call, so another process sees it at once', async () => {
    const repository = gw.app.get(BudgetRepository);
    await repository.setTaskBudget(owner.taskId, { usd: 1 });
    const usage = gw.app.get(UsageRepository);
    // Stores asynchronously, as the gateway does on receiving UsageRecorded.
    const delayed: UsageSink = {
      record: async (reported) => void setTimeout(() => void usage.insert({ ...owner, ...reported }), 50),
    };
    const guard = new BudgetGuard(repository, NO_DEFAULTS, { recordWaitMs: 2_000, pollMs: 10 });
    await guard.wrap(delayed, owner).record(call(0, 9_500));

    // A second guard (another service) has no in-flight list, yet sees the tokens: 900 + 9,500 ≥ 10,000.
    const elsewhere = new BudgetGuard(repository, NO_DEFAULTS);
    const refusal = await elsewhere.check(owner.taskId).catch((error: unknown) => error);
    expect((refusal as BudgetExceededError).message).toBe('budget reached: 10,400 of 10,000 tokens (task budget)');
  });

  it('does not budget calls outside a task', async () => {
    const plain: UsageSink = { record: async () => undefined };
    expect(new BudgetGuard(gw.app.get(BudgetRepository), NO_DEFAULTS).wrap(plain, { ...owner, taskId: null })).toBe(
      plain,
    );
  });
});
