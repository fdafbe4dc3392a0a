import {
  asDatabaseOwner,
  createGitRepository,
  seedTaskStage,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

const AUTHOR_REFUSED =
  "This repository requires a second person to approve the diff: the task's author cannot approve it";

describe('four-eyes approval per repository (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string };
  let author: { token: string; userId: string };
  let reviewer: { token: string; userId: string };
  const repositoryIds: Record<string, string> = {};

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const createTask = (token: string, repository: string, body: Record<string, unknown> = {}) =>
    gw.http
      .post('/api/v1/tasks')
      .set(as(token))
      .send({ repository, prompt: 'Add a greeting', ...body });
  const register = async (fullName: string, settings: Record<string, unknown>) => {
    const response = await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName, importFrom: createGitRepository(), settings })
      .expect(201);
    repositoryIds[fullName] = response.body.id as string;
  };
  /** A task of `token`'s user, left by the "supervisor" with a diff awaiting approval. */
  const taskAwaitingDiff = async (token: string, repository: string) => {
    const id = (await createTask(token, repository).expect(201)).body.id as string;
    await seedTaskStage(id, 'awaiting_diff_approval', { diff: `diff --git a/README.md b/README.md\n+${id}\n` });
    return id;
  };
  const diffApprovers = async (taskId: string) =>
    (
      await asDatabaseOwner((db) =>
        db.query("SELECT decided_by FROM approvals WHERE task_id = $1 AND subject = 'diff' AND decision = 'approved'", [
          taskId,
        ]),
      )
    ).rows.map((row: { decided_by: string }) => row.decided_by);

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    author = await gw.login(uniqueName('author'), organisation);
    reviewer = await gw.login(uniqueName('reviewer'), organisation);
    for (const userId of [author.userId, reviewer.userId]) {
      await gw.http
        .put('/api/v1/admin/quotas')
        .set(as(admin.token))
        .send({ scope: 'user', userId, kind: 'concurrent_tasks', limit: 50 })
        .expect(200);
    }
    await gw.http
      .put('/api/v1/admin/quotas')
      .set(as(admin.token))
      .send({ scope: 'organisation', kind: 'concurrent_tasks', limit: 50 })
      .expect(200);
    await register('acme/strict', { requireSeparateApprover: true });
    await register('acme/relaxed', {});
  });

  afterAll(() => gw.close());

  it('shows the setting on the repository, off unless asked for', async () => {
    const strict = await gw.http
      .get(`/api/v1/repositories/${repositoryIds['acme/strict']}`)
      .set(as(author.token))
      .expect(200);
    expect(strict.body.settings).toMatchObject({ requireSeparateApprover: true, autoApproveDiff: false });
    const relaxed = await gw.http
      .get(`/api/v1/repositories/${repositoryIds['acme/relaxed']}`)
      .set(as(author.token))
      .expect(200);
    expect(relaxed.body.settings.requireSeparateApprover).toBe(false);
  });

  it("refuses the author's own diff approval with a precise 403, and lets another developer approve it", async () => {
    const id = await taskAwaitingDiff(author.token, 'acme/strict');
    const refused = await gw.http.post(`/api/v1/tasks/${id}/diff/approve`).set(as(author.token)).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, error: 'Forbidden', message: AUTHOR_REFUSED });
    expect((await gw.http.get(`/api/v1/tasks/${id}`).set(as(author.token)).expect(200)).body.status).toBe(
      'awaiting_diff_approval',
    );
    expect(await diffApprovers(id)).toEqual([]);

    await gw.http.post(`/api/v1/tasks/${id}/diff/approve`).set(as(reviewer.token)).expect(200);
    expect(await diffApprovers(id)).toEqual([reviewer.userId]);
  });

  it('applies to admins too: the rule is about who wrote the task, not about rank', async () => {
    const id = await taskAwaitingDiff(admin.token, 'acme/strict');
    expect((await gw.http.post(`/api/v1/tasks/${id}/diff/approve`).set(as(admin.token)).expect(403)).body.message).toBe(
      AUTHOR_REFUSED,
    );
  });

  it('lets the author approve its own diff where the rule is off', async () => {
    const id = await taskAwaitingDiff(author.token, 'acme/relaxed');
    await gw.http.post(`/api/v1/tasks/${id}/diff/approve`).set(as(author.token)).expect(200);
    expect(await diffApprovers(id)).toEqual([author.userId]);
  });

  it('covers tasks already waiting when the rule is turned on', async () => {
    const id = await taskAwaitingDiff(author.token, 'acme/relaxed');
    await gw.http
      .patch(`/api/v1/repositories/${repositoryIds['acme/relaxed']}`)
      .set(as(admin.token))
      .send({ settings: { requireSeparateApprover: true } })
      .expect(200);
    try {
      expect(
        (await gw.http.post(`/api/v1/tasks/${id}/diff/approve`).set(as(author.token)).expect(403)).body.message,
      ).toBe(AUTHOR_REFUSED);
    } finally {
      await gw.http
        .patch(`/api/v1/repositories/${repositoryIds['acme/relaxed']}`)
        .set(as(admin.token))
        .send({ settings: { requireSeparateApprover: false } })
        .expect(200);
    }
  });

  it('still lets the author reject its own diff and approve its own plan (the rule guards what gets published)', async () => {
    const rejected = await taskAwaitingDiff(author.token, 'acme/strict');
    await gw.http
      .post(`/api/v1/tasks/${rejected}/diff/reject`)
      .set(as(author.token))
      .send({ feedback: 'Not like this' })
      .expect(200);

    const planned = (await createTask(author.token, 'acme/strict').expect(201)).body.id as string;
    await seedTaskStage(planned, 'awaiting_plan_approval', {
      plan: { summary: 'Greet', steps: [{ id: 's1', title: 'Edit README', detail: '', files: ['README.md'] }] },
    });
    await gw.http.post(`/api/v1/tasks/${planned}/plan/approve`).set(as(author.token)).send({}).expect(200);
  });

  it('refuses automatic diff approval for the repository, asked for by the task or set on the repository', async () => {
    const asked = await createTask(author.token, 'acme/strict', { autoApprove: { plan: true, diff: true } }).expect(
      403,
    );
    expect(asked.body.message).toBe(
      'autoApprove.diff: this repository requires a second person to approve the diff, so it cannot be approved automatically',
    );
    const created = await createTask(author.token, 'acme/strict', { autoApprove: { plan: true } }).expect(201);
    expect(created.body.autoApprove).toEqual({ plan: true, diff: false });

    const both =
      "settings: autoApproveDiff and requireSeparateApprover cannot both be on: a diff that needs a second person's approval cannot be approved automatically";
    const strictId = repositoryIds['acme/strict'];
    expect(
      (
        await gw.http
          .patch(`/api/v1/repositories/${strictId}`)
          .set(as(admin.token))
          .send({ settings: { autoApproveDiff: true } })
          .expect(400)
      ).body.message,
    ).toBe(both);
    expect(
      (await gw.http.get(`/api/v1/repositories/${strictId}`).set(as(admin.token)).expect(200)).body.settings
        .autoApproveDiff,
    ).toBe(false);
    const autoApproving = uniqueName('acme/auto');
    await register(autoApproving, { autoApproveDiff: true });
    expect(
      (
        await gw.http
          .patch(`/api/v1/repositories/${repositoryIds[autoApproving]}`)
          .set(as(admin.token))
          .send({ settings: { requireSeparateApprover: true } })
          .expect(400)
      ).body.message,
    ).toBe(both);
    await gw.http
      .patch(`/api/v1/repositories/${repositoryIds[autoApproving]}`)
      .set(as(admin.token))
      .send({ settings: { requireSeparateApprover: true, autoApproveDiff: false } })
      .expect(200);
    expect(
      (
        await gw.http
          .post('/api/v1/repositories')
          .set(as(admin.token))
          .send({
            source: 'local',
            fullName: uniqueName('acme/both'),
            importFrom: createGitRepository(),
            settings: { requireSeparateApprover: true, autoApproveDiff: true },
          })
          .expect(400)
      ).body.message,
    ).toBe(both);
  });
});
