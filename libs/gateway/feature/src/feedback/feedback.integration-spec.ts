import {
  asDatabaseOwner,
  createGitRepository,
  seedTaskStage,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

describe('feedback on changes and the organisation report (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string };
  let author: { token: string; userId: string };
  let reviewer: { token: string; userId: string };
  let viewer: { token: string; userId: string };

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const createTask = async () =>
    (
      await gw.http
        .post('/api/v1/tasks')
        .set(as(author.token))
        .send({ repository: 'acme/feedback', prompt: 'Add a greeting' })
        .expect(201)
    ).body.id as string;
  // Each diff names its task: a diff's hash is unique among decisions.
  const diffOf = (id: string) =>
    `diff --git a/src/greet.ts b/src/greet.ts\n+export const hi = 1;\ndiff --git a/README.md b/README.md\n+${id}\n`;
  /** A task the "supervisor" left with a diff of two files awaiting approval. */
  const taskAwaitingDiff = async () => {
    const id = await createTask();
    await seedTaskStage(id, 'awaiting_diff_approval', { diff: diffOf(id), diffFiles: ['src/greet.ts', 'README.md'] });
    return id;
  };
  const vote = (token: string, id: string, body: Record<string, unknown>) =>
    gw.http.put(`/api/v1/tasks/${id}/feedback`).set(as(token)).send(body);

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    author = await gw.login(uniqueName('author'), organisation);
    reviewer = await gw.login(uniqueName('reviewer'), organisation);
    viewer = await gw.login(uniqueName('viewer'), organisation);
    await gw.http
      .put(`/api/v1/admin/members/${viewer.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'viewer' })
      .expect(200);
    for (const body of [
      { scope: 'organisation', kind: 'concurrent_tasks', limit: 50 },
      { scope: 'user', userId: author.userId, kind: 'concurrent_tasks', limit: 50 },
    ]) {
      await gw.http.put('/api/v1/admin/quotas').set(as(admin.token)).send(body).expect(200);
    }
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName: 'acme/feedback', importFrom: createGitRepository() })
      .expect(201);
  });

  afterAll(() => gw.close());

  it('keeps one vote per person per task and per file, a new vote replacing the old, with tallies', async () => {
    const id = await taskAwaitingDiff();
    await vote(reviewer.token, id, { rating: 'up', comment: 'Clean change' }).expect(200);
    await vote(reviewer.token, id, { rating: 'down', filePath: 'src/greet.ts', comment: 'Wrong name' }).expect(200);
    const replaced = await vote(reviewer.token, id, { rating: 'up', filePath: 'src/greet.ts' }).expect(200);
    expect(replaced.body).toMatchObject({ filePath: 'src/greet.ts', rating: 'up', comment: null });
    await vote(author.token, id, { rating: 'down', filePath: 'src/greet.ts' }).expect(200);

    const seen = await gw.http.get(`/api/v1/tasks/${id}/feedback`).set(as(viewer.token)).expect(200);
    expect(seen.body.task).toEqual({ up: 1, down: 0 });
    expect(seen.body.files).toEqual([{ path: 'src/greet.ts', up: 1, down: 1 }]);
    expect(seen.body.votes).toHaveLength(3);
    expect(seen.body.votes[0]).toMatchObject({ filePath: null, rating: 'up', comment: 'Clean change' });
    expect(seen.body.votes[0].by.id).toBe(reviewer.userId);
    expect(seen.body.votes[0].by.login).not.toBe('');

    const audit = await gw.http.get('/api/v1/admin/audit?limit=500').set(as(admin.token)).expect(200);
    const entries = (audit.body as Array<{ action: string; targetId: string }>).filter(
      (entry) => entry.action === 'task.feedback' && entry.targetId === id,
    );
    expect(entries).toHaveLength(4);
  });

  it('answers bad feedback with precise 4xx messages and stores nothing', async () => {
    const noDiff = await createTask();
    expect((await vote(reviewer.token, noDiff, { rating: 'up' }).expect(409)).body.message).toBe(
      'This task has no diff to give feedback on yet',
    );
    const id = await taskAwaitingDiff();
    expect((await vote(reviewer.token, id, { rating: 'up', filePath: 'src/other.ts' }).expect(422)).body.message).toBe(
      "src/other.ts is not a file this task's diff changes",
    );
    expect((await vote(reviewer.token, id, { rating: 'meh' }).expect(400)).body.message).toContain(
      'rating must be "up" or "down"',
    );
    expect((await vote(reviewer.token, id, { rating: 'up', extra: 1 }).expect(400)).body.message).toContain('extra');
    expect((await vote(viewer.token, id, { rating: 'up' }).expect(403)).body.message).toBeDefined();
    await vote(reviewer.token, '00000000-0000-4000-8000-000000000000', { rating: 'up' }).expect(404);
    const seen = await gw.http.get(`/api/v1/tasks/${id}/feedback`).set(as(reviewer.token)).expect(200);
    expect(seen.body).toEqual({ votes: [], task: { up: 0, down: 0 }, files: [] });
  });

  it('reports approval rates of human decisions, time to merge and feedback for the organisation only', async () => {
    const organisation = uniqueName('org');
    const owner = await gw.login(uniqueName('owner'), organisation);
    const before = await gw.http.get('/api/v1/reports/organisation').set(as(owner.token)).expect(200);
    expect(before.body).toMatchObject({
      days: 30,
      tasks: { created: 0, completed: 0, failed: 0, cancelled: 0 },
      approvalRate: { plan: { approved: 0, rejected: 0, rate: null }, diff: { approved: 0, rejected: 0, rate: null } },
      timeToMerge: { merged: 0, medianSeconds: null, p90Seconds: null },
      feedback: { task: { up: 0, down: 0 }, file: { up: 0, down: 0 }, mostDownvotedFiles: [] },
    });

    const planned = await createTask();
    await seedTaskStage(planned, 'awaiting_plan_approval', { plan: { summary: 'Greet', steps: [] } });
    await gw.http.post(`/api/v1/tasks/${planned}/plan/approve`).set(as(reviewer.token)).send({}).expect(200);
    const approved = await taskAwaitingDiff();
    await gw.http.post(`/api/v1/tasks/${approved}/diff/approve`).set(as(reviewer.token)).expect(200);
    const rejected = await taskAwaitingDiff();
    await gw.http
      .post(`/api/v1/tasks/${rejected}/diff/reject`)
      .set(as(reviewer.token))
      .send({ feedback: 'Use the existing helper' })
      .expect(200);
    await vote(reviewer.token, approved, { rating: 'up' }).expect(200);
    await vote(reviewer.token, rejected, { rating: 'down' }).expect(200);
    await vote(reviewer.token, rejected, { rating: 'down', filePath: 'src/greet.ts' }).expect(200);
    await vote(author.token, rejected, { rating: 'down', filePath: 'src/greet.ts' }).expect(200);
    await vote(author.token, approved, { rating: 'up', filePath: 'README.md' }).expect(200);
    // Two pull requests merged 10 and 30 minutes after they were opened.
    await asDatabaseOwner(async (db) => {
      for (const [task, number, minutes] of [
        [approved, 901, 10],
        [planned, 902, 30],
      ] as const) {
        await db.query(
          `INSERT INTO pull_requests (task_id, repository_id, number, url, head_branch, base_branch, draft, state, created_at, merged_at)
           SELECT t.id, t.repository_id, $2::int, '/tasks/' || t.id, 'patchbay/x' || $2::int, 'main', false, 'merged',
                  now() - make_interval(mins => $3::int), now()
             FROM tasks t WHERE t.id = $1`,
          [task, number, minutes],
        );
      }
    });

    const report = await gw.http.get('/api/v1/reports/organisation?days=7').set(as(viewer.token)).expect(200);
    expect(report.body.days).toBe(7);
    expect(report.body.tasks.created).toBeGreaterThanOrEqual(3);
    expect(report.body.approvalRate.plan).toMatchObject({ approved: 1, rejected: 0, rate: 1 });
    expect(report.body.approvalRate.diff.rejected).toBeGreaterThanOrEqual(1);
    expect(report.body.timeToMerge).toMatchObject({ merged: 2, medianSeconds: 1200 });
    expect(report.body.timeToMerge.p90Seconds).toBeGreaterThan(1200);
    expect(report.body.feedback.mostDownvotedFiles[0]).toEqual({
      repository: 'acme/feedback',
      path: 'src/greet.ts',
      up: expect.any(Number),
      down: expect.any(Number),
    });

    // Another organisation sees none of it.
    const elsewhere = await gw.http.get('/api/v1/reports/organisation').set(as(owner.token)).expect(200);
    expect(elsewhere.body.tasks.created).toBe(0);
    expect(elsewhere.body.feedback.mostDownvotedFiles).toEqual([]);
    expect(
      (await gw.http.get('/api/v1/reports/organisation?days=0').set(as(owner.token)).expect(400)).body.message,
    ).toContain('days must be at least 1');
  });
});
