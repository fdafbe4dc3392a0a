import {
  createGitRepository,
  seedTaskStage,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';
import { asDatabaseOwner } from '@patchbay/testing';
import { planContentHash } from '@patchbay/persistence';

describe('tasks API (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string };
  let viewer: { token: string };
  let developer: { token: string; userId: string };
  let organisation: string;

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
    viewer = await gw.login(uniqueName('viewer'), organisation);
    const members = await gw.http
      .get('/api/v1/admin/members')
      .set('authorization', `Bearer ${admin.token}`)
      .expect(200);
    const viewerId = (members.body as Array<{ userId: string; login: string }>)[2].userId;
    await gw.http
      .put(`/api/v1/admin/members/${viewerId}/role`)
      .set('authorization', `Bearer ${admin.token}`)
      .send({ role: 'viewer' })
      .expect(200);
    // This suite creates many tasks; quotas have their own suite.
    for (const body of [
      { scope: 'organisation', kind: 'concurrent_tasks', limit: 100 },
      { scope: 'user', userId: developer.userId, kind: 'concurrent_tasks', limit: 100 },
      { scope: 'user', userId: admin.userId, kind: 'concurrent_tasks', limit: 100 },
    ]) {
      await gw.http.put('/api/v1/admin/quotas').set('authorization', `Bearer ${admin.token}`).send(body).expect(200);
    }
    await gw.http
      .post('/api/v1/repositories')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ source: 'local', fullName: 'acme/widgets', importFrom: createGitRepository() })
      .expect(201);
  });

  afterAll(() => gw.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const createTask = (token: string, body: Record<string, unknown> = {}) =>
    gw.http
      .post('/api/v1/tasks')
      .set(as(token))
      .send({ repository: 'acme/widgets', prompt: 'Add a greeting', ...body });

  it('makes the first user of an organisation its admin and later ones developers', async () => {
    const me = await gw.http.get('/api/v1/auth/me').set(as(admin.token)).expect(200);
    expect(me.body.role).toBe('admin');
    expect((await gw.http.get('/api/v1/auth/me').set(as(developer.token)).expect(200)).body.role).toBe('developer');
  });

  it('creates a queued task, records the status event and an audit entry', async () => {
    const response = await createTask(developer.token, {
      constraints: { avoidFiles: ['secrets/**'], maxFilesChanged: 3 },
      priority: 'high',
    }).expect(201);
    expect(response.body).toMatchObject({
      status: 'queued',
      repository: 'acme/widgets',
      baseBranch: 'main',
      priority: 'high',
      attempt: 1,
    });
    const events = await gw.http.get(`/api/v1/tasks/${response.body.id}/events`).set(as(viewer.token)).expect(200);
    expect(events.body[0]).toMatchObject({
      seq: 1,
      type: 'status_changed',
      agent: 'gateway',
      payload: { from: null, to: 'queued' },
    });
    const audit = await gw.http.get('/api/v1/admin/audit?limit=500').set(as(admin.token)).expect(200);
    const entry = (audit.body as Array<{ action: string; targetId: string; actorId: string; requestId: string }>).find(
      (e) => e.action === 'task.create' && e.targetId === response.body.id,
    );
    expect(entry).toMatchObject({ actorId: developer.userId });
    expect(entry?.requestId).toBeTruthy();
  });

  it('rejects bad task input with precise 400s', async () => {
    expect((await createTask(developer.token, { repository: 'acme/unknown' }).expect(400)).body.message).toContain(
      'unknown repository "acme/unknown"',
    );
    expect((await createTask(developer.token, { prompt: '   ' }).expect(400)).body.message).toBe(
      'prompt: prompt must not be empty',
    );
    expect((await createTask(developer.token, { prompt: 'x'.repeat(20_001) }).expect(400)).body.message).toBe(
      'prompt: prompt must be at most 20000 characters',
    );
    expect(
      (await createTask(developer.token, { constraints: { maxFilesChanged: 0 } }).expect(400)).body.message,
    ).toMatch(/^constraints\.maxFilesChanged:/);
    expect(
      (await createTask(developer.token, { constraints: { avoidFiles: ['../etc'] } }).expect(400)).body.message,
    ).toContain('must not contain ".."');
    expect((await createTask(developer.token, { surprise: true }).expect(400)).body.message).toContain(
      'unknown field(s) "surprise"',
    );
  });

  it('lists newest first with filters and a cursor that walks every task exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await createTask(admin.token, { prompt: `task ${i}` }).expect(201)).body.id);
    await gw.http.post(`/api/v1/tasks/${ids[0]}/cancel`).set(as(admin.token)).expect(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await gw.http
        .get('/api/v1/tasks')
        .query({ limit: 1, ...(cursor ? { cursor } : {}) })
        .set(as(viewer.token))
        .expect(200);
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 2)).toEqual([ids[1], ids[0]]);
    const cancelled = await gw.http
      .get('/api/v1/tasks')
      .query({ status: 'cancelled' })
      .set(as(viewer.token))
      .expect(200);
    expect(cancelled.body.items.map((t: { id: string }) => t.id)).toContain(ids[0]);
    expect(cancelled.body.items.every((t: { status: string }) => t.status === 'cancelled')).toBe(true);
    await gw.http.get('/api/v1/tasks').query({ cursor: 'garbage' }).set(as(viewer.token)).expect(400);
  });

  it('filters the list by author, creation time and prompt text', async () => {
    const marker = uniqueName('needle');
    const mine = (await createTask(developer.token, { prompt: `Rename the ${marker} helper` }).expect(201)).body as {
      id: string;
      createdAt: string;
    };
    const theirs = (await createTask(admin.token, { prompt: `Handle 100%_ of the ${marker} cases` }).expect(201))
      .body as { id: string; createdAt: string };
    const ids = async (query: Record<string, string>) =>
      (
        (
          await gw.http
            .get('/api/v1/tasks')
            .query({ limit: 100, ...query })
            .set(as(viewer.token))
            .expect(200)
        ).body.items as Array<{ id: string }>
      ).map((t) => t.id);

    // Case-insensitive, newest first; % and _ are matched literally, not as wildcards.
    expect(await ids({ search: marker.toUpperCase() })).toEqual([theirs.id, mine.id]);
    expect(await ids({ search: '100%_ of' })).toEqual([theirs.id]);
    expect(await ids({ search: `Rename%${marker}` })).toEqual([]);
    expect(await ids({ search: marker, createdBy: developer.userId })).toEqual([mine.id]);
    expect(await ids({ search: marker, createdBefore: theirs.createdAt })).toEqual([mine.id]);
    expect(await ids({ search: marker, createdFrom: theirs.createdAt })).toEqual([theirs.id]);
    expect(
      await ids({
        search: marker,
        createdFrom: mine.createdAt,
        createdBefore: new Date(Date.parse(theirs.createdAt) + 60_000).toISOString(),
      }),
    ).toEqual([theirs.id, mine.id]);

    const bad = await gw.http
      .get('/api/v1/tasks')
      .query({ createdFrom: 'yesterday' })
      .set(as(viewer.token))
      .expect(400);
    expect(bad.body.message).toBe('createdFrom: createdFrom must be an ISO 8601 date-time');
    await gw.http.get('/api/v1/tasks').query({ search: '   ' }).set(as(viewer.token)).expect(400);
  });

  it('cancels, refuses a second cancel, and retries as a new attempt', async () => {
    const id = (await createTask(developer.token).expect(201)).body.id;
    const cancelled = await gw.http.post(`/api/v1/tasks/${id}/cancel`).set(as(developer.token)).expect(200);
    // The answer is the whole view, as GET gives it (it once came back with `repository: ""`).
    expect(cancelled.body).toEqual({
      ...(await gw.http.get(`/api/v1/tasks/${id}`).set(as(developer.token)).expect(200)).body,
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', repository: expect.stringMatching(/\S/) });
    const again = await gw.http.post(`/api/v1/tasks/${id}/cancel`).set(as(developer.token)).expect(409);
    expect(again.body.message).toBe('A task cannot move from "cancelled" to "cancelled"');
    const retried = await gw.http.post(`/api/v1/tasks/${id}/retry`).set(as(developer.token)).expect(200);
    expect(retried.body).toMatchObject({ status: 'queued', attempt: 2 });
    await gw.http.post(`/api/v1/tasks/${id}/retry`).set(as(developer.token)).expect(409);
  });

  it('records who approved a plan and the hash of the exact (edited) plan', async () => {
    const id = (await createTask(developer.token).expect(201)).body.id;
    await gw.http.post(`/api/v1/tasks/${id}/plan/approve`).set(as(developer.token)).send({}).expect(409);
    const plan = {
      summary: 'Add greeting',
      steps: [
        { id: 's1', title: 'Edit README', detail: '', files: ['README.md'] },
        { id: 's2', title: 'Add test', detail: '', files: [] },
      ],
    };
    const { planHash } = await seedTaskStage(id, 'awaiting_plan_approval', { plan });
    const edited = [plan.steps[1], { ...plan.steps[0], title: 'Edit the README' }];
    await gw.http.post(`/api/v1/tasks/${id}/plan/approve`).set(as(developer.token)).send({ steps: edited }).expect(200);
    const rows = await asDatabaseOwner((db) =>
      db.query(
        'SELECT a.decided_by, a.content_hash, a.decision, p.version, p.content_hash AS plan_hash, p.edited_by FROM approvals a JOIN plans p ON p.task_id = a.task_id AND p.version = 2 WHERE a.task_id = $1',
        [id],
      ),
    );
    expect(rows.rows).toHaveLength(1);
    const row = rows.rows[0] as Record<string, unknown>;
    expect(row).toMatchObject({
      decided_by: developer.userId,
      decision: 'approved',
      edited_by: developer.userId,
      version: 2,
    });
    expect(row['content_hash']).toBe(row['plan_hash']);
    expect(row['content_hash']).not.toBe(planHash);
  });

  it('approves a plan with edited target tests: a new plan version holds them and the approval hashes them', async () => {
    const id = (await createTask(developer.token).expect(201)).body.id;
    const plan = {
      summary: 'Fix greet()',
      steps: [{ id: 's1', title: 'Fix the string', detail: '', files: ['src/greet.js'] }],
      targetTests: [{ name: 'greets by name', file: 'test/greet.test.js' }],
    };
    const { planHash } = await seedTaskStage(id, 'awaiting_plan_approval', { plan });
    const bad = await gw.http
      .post(`/api/v1/tasks/${id}/plan/approve`)
      .set(as(developer.token))
      .send({ targetTests: [{ name: '   ' }] })
      .expect(400);
    expect(bad.body.message).toBe('targetTests.0.name: a target test needs a name');

    const targetTests = [{ name: 'greets by name', file: 'test/greet.test.js' }, { name: 'greets loudly' }];
    await gw.http.post(`/api/v1/tasks/${id}/plan/approve`).set(as(developer.token)).send({ targetTests }).expect(200);
    const rows = (
      await asDatabaseOwner((db) =>
        db.query(
          'SELECT p.version, p.steps, p.target_tests, p.content_hash AS plan_hash, a.content_hash FROM plans p JOIN approvals a ON a.task_id = p.task_id WHERE p.task_id = $1 ORDER BY p.version',
          [id],
        ),
      )
    ).rows as Array<Record<string, unknown>>;
    expect(rows.map((row) => row['version'])).toEqual([1, 2]);
    const edited = rows[1];
    // The steps stay as proposed; only the target tests changed, and the approval covers them.
    expect(edited).toMatchObject({ steps: plan.steps, target_tests: targetTests });
    expect(edited['content_hash']).toBe(edited['plan_hash']);
    expect(edited['content_hash']).not.toBe(planHash);
    expect(edited['content_hash']).toBe(planContentHash({ summary: plan.summary, steps: plan.steps, targetTests }));
  });

  it('serves the diff once there is one and 404s before', async () => {
    const id = (await createTask(developer.token).expect(201)).body.id;
    expect((await gw.http.get(`/api/v1/tasks/${id}/diff`).set(as(viewer.token)).expect(404)).body.message).toBe(
      'This task has no diff yet',
    );
    await seedTaskStage(id, 'awaiting_diff_approval', { diff: 'diff --git a/README.md b/README.md\n+hello\n' });
    const diff = await gw.http.get(`/api/v1/tasks/${id}/diff`).set(as(viewer.token)).expect(200);
    expect(diff.headers['content-type']).toContain('text/x-diff');
    expect(diff.text).toContain('+hello');
    await gw.http
      .post(`/api/v1/tasks/${id}/diff/reject`)
      .set(as(developer.token))
      .send({ feedback: 'Use a friendlier greeting' })
      .expect(200);
  });

  it('hides another organisation’s tasks', async () => {
    const id = (await createTask(developer.token).expect(201)).body.id;
    const outsider = await gw.login(uniqueName('outsider'), uniqueName('other-org'));
    await gw.http.get(`/api/v1/tasks/${id}`).set(as(outsider.token)).expect(404);
  });
});
