import {
  createGitRepository,
  seedTaskStage,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

describe('quotas (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string };
  let developer: { token: string; userId: string };

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName: 'acme/quota', importFrom: createGitRepository() })
      .expect(201);
  });

  afterAll(() => gw.close());

  function as(token: string) {
    return { authorization: `Bearer ${token}` };
  }
  const setQuota = (body: Record<string, unknown>) =>
    gw.http.put('/api/v1/admin/quotas').set(as(admin.token)).send(body).expect(200);
  const createTask = (token: string) =>
    gw.http.post('/api/v1/tasks').set(as(token)).send({ repository: 'acme/quota', prompt: 'p' });

  it('answers 429 naming the concurrent-tasks limit, and frees the slot when a task ends', async () => {
    await setQuota({ scope: 'user', userId: developer.userId, kind: 'concurrent_tasks', limit: 1 });
    const first = await createTask(developer.token).expect(201);
    const refused = await createTask(developer.token).expect(429);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      quota: 'concurrent_tasks',
      scope: 'user',
      limit: 1,
    });
    expect(refused.body.message).toBe(
      'Quota exceeded: user limit of 1 concurrent tasks reached; a slot frees up when one of the running tasks finishes',
    );
    expect(refused.headers['retry-after']).toBeDefined();
    await gw.http.post(`/api/v1/tasks/${first.body.id}/cancel`).set(as(developer.token)).expect(200);
    await createTask(developer.token).expect(201);
    await setQuota({ scope: 'user', userId: developer.userId, kind: 'concurrent_tasks', limit: 100 });
  });

  it('answers 429 naming the tasks-per-day limit and when it resets; a refused request consumes nothing', async () => {
    await setQuota({ scope: 'organisation', kind: 'concurrent_tasks', limit: 100 });
    await setQuota({ scope: 'user', userId: admin.userId, kind: 'concurrent_tasks', limit: 100 });
    const status = (await gw.http.get('/api/v1/admin/quotas').set(as(admin.token)).expect(200)).body as Array<{
      kind: string;
      scope: string;
      used: number;
    }>;
    const used = status.find((q) => q.kind === 'tasks_per_day' && q.scope === 'organisation')!.used;
    await setQuota({ scope: 'organisation', kind: 'tasks_per_day', limit: used + 1 });
    await createTask(admin.token).expect(201);
    const refused = await createTask(admin.token).expect(429);
    expect(refused.body).toMatchObject({ quota: 'tasks_per_day', scope: 'organisation', limit: used + 1 });
    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 0, 0, 0);
    expect(refused.body.resetsAt).toBe(tomorrow.toISOString());
    expect(refused.body.message).toBe(
      `Quota exceeded: organisation limit of ${used + 1} tasks per day reached; it resets at ${tomorrow.toISOString()}`,
    );
    const after = (await gw.http.get('/api/v1/admin/quotas').set(as(admin.token)).expect(200)).body as Array<{
      kind: string;
      scope: string;
      used: number;
    }>;
    expect(after.find((q) => q.kind === 'tasks_per_day' && q.scope === 'organisation')!.used).toBe(used + 1);
    await setQuota({ scope: 'organisation', kind: 'tasks_per_day', limit: 1000 });
  });

  it('answers 429 naming the pull-requests-per-day limit when approving a diff would open one too many', async () => {
    await setQuota({ scope: 'user', userId: developer.userId, kind: 'pull_requests_per_day', limit: 1 });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = (await createTask(developer.token).expect(201)).body.id as string;
      await seedTaskStage(id, 'awaiting_diff_approval', { diff: `diff --git a/f b/f\n+${i}\n` });
      ids.push(id);
    }
    await gw.http.post(`/api/v1/tasks/${ids[0]}/diff/approve`).set(as(developer.token)).expect(200);
    const refused = await gw.http.post(`/api/v1/tasks/${ids[1]}/diff/approve`).set(as(developer.token)).expect(429);
    expect(refused.body).toMatchObject({ quota: 'pull_requests_per_day', scope: 'user', limit: 1 });
    expect(refused.body.message).toContain('1 pull requests per day');
  });

  it("counts a user's daily tasks per organisation: usage in one does not spend the allowance in another", async () => {
    const login = uniqueName('member-of-two');
    const inA = await gw.login(login, uniqueName('org-a'));
    const inB = await gw.login(login, uniqueName('org-b'));
    expect(inA.userId).toBe(inB.userId);
    for (const session of [inA, inB]) {
      await gw.http
        .post('/api/v1/repositories')
        .set(as(session.token))
        .send({ source: 'local', fullName: 'acme/quota', importFrom: createGitRepository() })
        .expect(201);
      await gw.http
        .put('/api/v1/admin/quotas')
        .set(as(session.token))
        .send({ scope: 'user', userId: session.userId, kind: 'tasks_per_day', limit: 1 })
        .expect(200);
    }

    await createTask(inA.token).expect(201);
    await createTask(inB.token).expect(201);
    const refused = await createTask(inA.token).expect(429);
    expect(refused.body).toMatchObject({ quota: 'tasks_per_day', scope: 'user', limit: 1 });

    for (const session of [inA, inB]) {
      const status = (await gw.http.get('/api/v1/admin/quotas').set(as(session.token)).expect(200)).body as Array<{
        kind: string;
        scope: string;
        userId: string | null;
        used: number;
      }>;
      expect(
        status.find((q) => q.kind === 'tasks_per_day' && q.scope === 'user' && q.userId === session.userId)?.used,
      ).toBe(1);
    }
  });

  it('validates quota changes', async () => {
    const missingUser = await gw.http
      .put('/api/v1/admin/quotas')
      .set(as(admin.token))
      .send({ scope: 'user', kind: 'tasks_per_day', limit: 5 })
      .expect(400);
    expect(missingUser.body.message).toBe('userId: userId is required when scope is "user"');
    await gw.http
      .put('/api/v1/admin/quotas')
      .set(as(admin.token))
      .send({ scope: 'organisation', kind: 'tasks_per_hour', limit: 5 })
      .expect(400);
    await gw.http
      .put('/api/v1/admin/quotas')
      .set(as(admin.token))
      .send({ scope: 'organisation', kind: 'tasks_per_day', limit: -1 })
      .expect(400);
  });
});
