import { randomUUID } from 'node:crypto';
import type { BudgetOverview, TaskBudgetView } from '@patchbay/contracts';
import { UsageRepository } from '@patchbay/persistence';
import {
  createGitRepository,
  seedTaskStage,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

describe('budgets API (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string };
  let developer: { token: string; userId: string };
  let organisationId: string;

  beforeAll(async () => {
    // A deployment default for tasks: $1 and 100k tokens unless the organisation says otherwise.
    gw = await startGatewayTestApp({ env: { BUDGET_TASK_USD: '1', BUDGET_TASK_TOKENS: '100000' } });
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName: 'acme/budget', importFrom: createGitRepository() })
      .expect(201);
    await gw.http
      .put('/api/v1/admin/quotas')
      .set(as(admin.token))
      .send({ scope: 'organisation', kind: 'concurrent_tasks', limit: 100 })
      .expect(200);
    for (const user of [admin, developer]) {
      await gw.http
        .put('/api/v1/admin/quotas')
        .set(as(admin.token))
        .send({ scope: 'user', userId: user.userId, kind: 'concurrent_tasks', limit: 100 })
        .expect(200);
    }
    organisationId = (
      (await gw.http.get('/api/v1/auth/me').set(as(admin.token)).expect(200)).body as { organisationId: string }
    ).organisationId;
  });

  afterAll(() => gw.close());

  function as(token: string) {
    return { authorization: `Bearer ${token}` };
  }
  const createTask = (token: string, budget?: Record<string, unknown>) =>
    gw.http
      .post('/api/v1/tasks')
      .set(as(token))
      .send({ repository: 'acme/budget', prompt: 'p', ...(budget ? { budget } : {}) });
  const spend = (taskId: string, userId: string, costUsd: number, tokens: number) =>
    gw.app.get(UsageRepository).insert({
      organisationId,
      userId,
      taskId,
      role: 'coder',
      model: 'gpt-4o-mini',
      promptTokens: tokens,
      completionTokens: 0,
      durationMs: 5,
      costUsd,
      callId: randomUUID(),
    });

  it('lets admins set budgets per scope, shows them with spend, and audits the change', async () => {
    const set = await gw.http
      .put('/api/v1/admin/budgets')
      .set(as(admin.token))
      .send({ scope: 'organisation_month', usd: 250, tokens: null })
      .expect(200);
    const overview = set.body as BudgetOverview;
    expect(overview.organisationMonth).toMatchObject({
      scope: 'organisation_month',
      limit: { usd: 250, tokens: null },
      source: { usd: 'organisation', tokens: 'none' },
    });
    expect(overview.defaults.task).toEqual({ usd: 1, tokens: 100_000 });
    const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString();
    expect(overview.organisationMonth.window?.start).toBe(monthStart);

    await gw.http
      .put('/api/v1/admin/budgets')
      .set(as(admin.token))
      .send({ scope: 'user_day', usd: 5, tokens: 500_000 })
      .expect(200);
    const perUser = (
      await gw.http
        .put('/api/v1/admin/budgets')
        .set(as(admin.token))
        .send({ scope: 'user_day', userId: developer.userId, usd: 2, tokens: null })
        .expect(200)
    ).body as BudgetOverview;
    // The developer's own USD limit, and every user's token limit.
    expect(perUser.usersToday.find((line) => line.userId === developer.userId)).toMatchObject({
      limit: { usd: 2, tokens: 500_000 },
      source: { usd: 'user', tokens: 'organisation' },
    });

    const audit = (await gw.http.get('/api/v1/admin/audit').set(as(admin.token)).expect(200)).body as Array<{
      action: string;
    }>;
    expect(audit.filter((entry) => entry.action === 'budget.set').length).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad input with 400 naming the field, an unknown member with 404, and non-admins with 403', async () => {
    const put = (body: unknown, token = admin.token) =>
      gw.http
        .put('/api/v1/admin/budgets')
        .set(as(token))
        .send(body as object);
    const negative = await put({ scope: 'task', usd: -1, tokens: null }).expect(400);
    expect(negative.body.message).toContain('usd');
    expect(negative.body.message).toContain('must not be negative');
    expect((await put({ scope: 'task', usd: 0.0000001, tokens: null }).expect(400)).body.message).toContain(
      'must have at most 6 decimals',
    );
    expect((await put({ scope: 'week', usd: 1, tokens: null }).expect(400)).body.message).toContain(
      'scope must be "task", "user_day" or "organisation_month"',
    );
    expect(
      (await put({ scope: 'task', userId: developer.userId, usd: 1, tokens: null }).expect(400)).body.message,
    ).toContain('userId is only allowed with scope "user_day"');
    expect((await put({ scope: 'task', usd: 1 }).expect(400)).body.message).toContain('tokens');
    expect((await put({ scope: 'task', usd: 1, tokens: null, extra: true }).expect(400)).body.message).toContain(
      'extra',
    );
    expect(
      (await put({ scope: 'user_day', userId: randomUUID(), usd: 1, tokens: null }).expect(404)).body.message,
    ).toContain('no member with id');
    await put({ scope: 'task', usd: 1, tokens: null }, developer.token).expect(403);
    await gw.http.get('/api/v1/admin/budgets').set(as(developer.token)).expect(403);
  });

  it('bounds a task budget at creation by the organisation’s task budget, except for admins', async () => {
    await gw.http
      .put('/api/v1/admin/budgets')
      .set(as(admin.token))
      .send({ scope: 'task', usd: 0.5, tokens: null })
      .expect(200);
    const within = (await createTask(developer.token, { usd: 0.25 }).expect(201)).body.id as string;
    const view = (await gw.http.get(`/api/v1/tasks/${within}/budget`).set(as(developer.token)).expect(200))
      .body as TaskBudgetView;
    // The task's own USD limit; its token limit from the deployment default.
    expect(view.lines.find((line) => line.scope === 'task')).toMatchObject({
      limit: { usd: 0.25, tokens: 100_000 },
      source: { usd: 'task', tokens: 'default' },
      spent: { usd: 0, tokens: 0 },
    });

    const above = await createTask(developer.token, { usd: 0.75 }).expect(403);
    expect(above.body.message).toBe(
      "budget.usd: $0.75 is above the organisation's task budget of $0.50; only an admin can set more",
    );
    const tokensAbove = await createTask(developer.token, { tokens: 200_000 }).expect(403);
    expect(tokensAbove.body.message).toBe(
      "budget.tokens: 200,000 tokens is above the organisation's task budget of 100,000 tokens; only an admin can set more",
    );
    await createTask(admin.token, { usd: 10 }).expect(201);
    expect((await createTask(developer.token, { usd: 'lots' }).expect(400)).body.message).toContain('budget.usd');
    expect((await createTask(developer.token, {}).expect(400)).body.message).toContain('give usd, tokens or both');
  });

  it('answers 409 to resuming a task paused at its budget until the budget is raised', async () => {
    const taskId = (await createTask(developer.token, { usd: 0.001 }).expect(201)).body.id as string;
    await spend(taskId, developer.userId, 0.0012, 900);
    await seedTaskStage(taskId, 'paused');

    const view = (await gw.http.get(`/api/v1/tasks/${taskId}/budget`).set(as(developer.token)).expect(200))
      .body as TaskBudgetView;
    expect(view.reached).toMatchObject({
      scope: 'task',
      unit: 'usd',
      spent: 0.0012,
      limit: 0.001,
      message: 'budget reached: $0.0012 of $0.0010 (task budget)',
    });
    expect(view.lines.find((line) => line.scope === 'user_day')?.spent.usd).toBeGreaterThanOrEqual(0.0012);

    const refused = await gw.http
      .post(`/api/v1/tasks/${taskId}/resume`)
      .set(as(developer.token))
      .send({ action: 'fix' })
      .expect(409);
    expect(refused.body.message).toBe(
      `The task cannot resume yet: budget reached: $0.0012 of $0.0010 (task budget). Raise the budget first (PUT /api/v1/tasks/${taskId}/budget), then resume.`,
    );

    // Within the organisation's task budget a developer may raise it themselves.
    const raised = (
      await gw.http.put(`/api/v1/tasks/${taskId}/budget`).set(as(developer.token)).send({ usd: 0.01 }).expect(200)
    ).body as TaskBudgetView;
    expect(raised.reached).toBeNull();
    await gw.http.post(`/api/v1/tasks/${taskId}/resume`).set(as(developer.token)).send({ action: 'fix' }).expect(200);
    const audit = (await gw.http.get('/api/v1/admin/audit').set(as(admin.token)).expect(200)).body as Array<{
      action: string;
    }>;
    expect(audit.some((entry) => entry.action === 'task.budget.set')).toBe(true);
  });

  it('refuses a task budget of another organisation’s task, and bad amounts', async () => {
    const stranger = await gw.login(uniqueName('stranger'), uniqueName('other-org'));
    const taskId = (await createTask(developer.token).expect(201)).body.id as string;
    await gw.http.get(`/api/v1/tasks/${taskId}/budget`).set(as(stranger.token)).expect(404);
    await gw.http.put(`/api/v1/tasks/${taskId}/budget`).set(as(stranger.token)).send({ usd: 1 }).expect(404);
    expect(
      (await gw.http.put(`/api/v1/tasks/${taskId}/budget`).set(as(developer.token)).send({ tokens: 1.5 }).expect(400))
        .body.message,
    ).toContain('tokens');
    await gw.http.put(`/api/v1/tasks/not-a-uuid/budget`).set(as(developer.token)).send({ usd: 1 }).expect(400);
  });
});
