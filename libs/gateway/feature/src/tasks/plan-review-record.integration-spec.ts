import {
  createGitRepository,
  seedTaskStage,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

const PLAN = {
  summary: 'Greet by name',
  steps: [
    { id: 's1', title: 'Read the greeter', detail: '', files: ['src/greet.ts'] },
    { id: 's2', title: 'Fix the greeting', detail: 'Use the name', files: ['src/greet.ts'] },
  ],
};

describe('plans and reviews as a record (real Postgres)', () => {
  let gw: GatewayTestApp;
  let alice: { token: string; userId: string };
  let bob: { token: string; userId: string };
  let viewer: { token: string; userId: string };
  let outsider: { token: string; userId: string };
  const repository = uniqueName('acme/record');

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const taskAt = async (
    status: 'awaiting_plan_approval' | 'awaiting_diff_approval',
    content: Parameters<typeof seedTaskStage>[2],
  ) => {
    const id = (
      await gw.http.post('/api/v1/tasks').set(as(alice.token)).send({ repository, prompt: 'Greet by name' }).expect(201)
    ).body.id as string;
    await seedTaskStage(id, status, content);
    return id;
  };
  const checkpoints = async (id: string) =>
    (
      (await gw.http.get(`/api/v1/tasks/${id}/events`).set(as(viewer.token)).expect(200)).body as Array<{
        type: string;
        payload: Record<string, unknown>;
      }>
    )
      .filter((event) => event.type === 'checkpoint_reached')
      .map((event) => event.payload);

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    const admin = await gw.login(uniqueName('admin'), organisation);
    alice = await gw.login(uniqueName('alice'), organisation);
    bob = await gw.login(uniqueName('bob'), organisation);
    viewer = await gw.login(uniqueName('viewer'), organisation);
    outsider = await gw.login(uniqueName('outsider'), uniqueName('other-org'));
    await gw.http
      .put(`/api/v1/admin/members/${viewer.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'viewer' })
      .expect(200);
    for (const userId of [alice.userId, bob.userId]) {
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
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName: repository, importFrom: createGitRepository() })
      .expect(201);
  });

  afterAll(() => gw.close());

  it("refuses a second reviewer's edits of a stale version with a 409 naming the newer version and its editor", async () => {
    const id = await taskAt('awaiting_plan_approval', { plan: PLAN });
    const edited = [{ ...PLAN.steps[1], title: 'Fix the greeting to use the name', note: 'keep the old signature' }];
    await gw.http
      .post(`/api/v1/tasks/${id}/plan/approve`)
      .set(as(alice.token))
      .send({ steps: edited, baseVersion: 1 })
      .expect(200);

    const stale = await gw.http
      .post(`/api/v1/tasks/${id}/plan/approve`)
      .set(as(bob.token))
      .send({ steps: [PLAN.steps[0]], baseVersion: 1 })
      .expect(409);
    expect(stale.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      currentVersion: 2,
      changedBy: expect.stringContaining('alice'),
      message: expect.stringMatching(
        /^The plan changed since you opened it \(version 2 by alice-[^)]+\); you opened version 1\./,
      ),
    });

    const record = (await gw.http.get(`/api/v1/tasks/${id}/review`).set(as(viewer.token)).expect(200)).body;
    expect(
      record.plans.map((plan: { version: number; editedBy: { login: string } | null }) => [
        plan.version,
        plan.editedBy?.login ?? null,
      ]),
    ).toEqual([
      [1, null],
      [2, expect.stringContaining('alice')],
    ]);
    expect(record.plans[1].steps).toEqual([{ ...edited[0], files: ['src/greet.ts'] }]);
    expect(record.approvals).toEqual([
      expect.objectContaining({
        subject: 'plan',
        decision: 'approved',
        planVersion: 2,
        decidedBy: { id: alice.userId, login: expect.stringContaining('alice') },
        feedback: null,
        comments: [],
      }),
    ]);
    // Bob's stale edits made no version and no decision.
    expect(record.plans).toHaveLength(2);
    expect(await checkpoints(id)).toEqual([
      expect.objectContaining({ subject: 'plan', decision: 'approved', planVersion: 2 }),
    ]);
  });

  it('names who already decided when a reviewer approves a plan that no longer awaits approval', async () => {
    const id = await taskAt('awaiting_plan_approval', { plan: PLAN });
    await gw.http.post(`/api/v1/tasks/${id}/plan/approve`).set(as(alice.token)).send({ baseVersion: 1 }).expect(200);
    await seedTaskStage(id, 'executing');
    const late = await gw.http.post(`/api/v1/tasks/${id}/plan/approve`).set(as(bob.token)).send({}).expect(409);
    expect(late.body.message).toMatch(
      /^The plan \(version 1\) was already approved by alice-[^;]+; the task is executing and no plan awaits approval/,
    );
  });

  it('keeps plan-rejection feedback in the record and on the timeline, with the version it rejected', async () => {
    const id = await taskAt('awaiting_plan_approval', { plan: PLAN });
    await gw.http
      .post(`/api/v1/tasks/${id}/plan/reject`)
      .set(as(bob.token))
      .send({ feedback: 'Add a test for the empty name first', baseVersion: 1 })
      .expect(200);
    const record = (await gw.http.get(`/api/v1/tasks/${id}/review`).set(as(alice.token)).expect(200)).body;
    expect(record.approvals).toEqual([
      expect.objectContaining({
        subject: 'plan',
        decision: 'rejected',
        planVersion: 1,
        feedback: 'Add a test for the empty name first',
      }),
    ]);
    expect(await checkpoints(id)).toEqual([
      expect.objectContaining({
        decision: 'rejected',
        feedback: 'Add a test for the empty name first',
        planVersion: 1,
      }),
    ]);

    // The re-plan is version 2; a rejection of version 1 sent late is refused, not applied to it.
    await seedTaskStage(id, 'awaiting_plan_approval', { plan: { ...PLAN, summary: 'Test first, then greet' } });
    const stale = await gw.http
      .post(`/api/v1/tasks/${id}/plan/reject`)
      .set(as(alice.token))
      .send({ feedback: 'no', baseVersion: 1 })
      .expect(409);
    expect(stale.body.message).toContain('(version 2 by the planner)');
  });

  it('keeps requested changes and their inline comments, and refuses comments where they do not belong', async () => {
    const id = await taskAt('awaiting_diff_approval', {
      diff: 'diff --git a/src/greet.ts b/src/greet.ts\n+export const greet = (name) => `Hello ${name}`;\n',
    });
    const comments = [{ path: 'src/greet.ts', side: 'new', line: 1, body: 'Handle an empty name' }];
    await gw.http
      .post(`/api/v1/tasks/${id}/diff/reject`)
      .set(as(bob.token))
      .send({ feedback: 'Close, but:\n- src/greet.ts:1: Handle an empty name', comments })
      .expect(200);
    const record = (await gw.http.get(`/api/v1/tasks/${id}/review`).set(as(viewer.token)).expect(200)).body;
    expect(record.approvals).toEqual([
      expect.objectContaining({
        subject: 'diff',
        decision: 'rejected',
        planVersion: null,
        comments,
        feedback: expect.stringContaining('Close, but:'),
        decidedBy: { id: bob.userId, login: expect.stringContaining('bob') },
      }),
    ]);
    expect(await checkpoints(id)).toEqual([
      expect.objectContaining({ subject: 'diff', decision: 'rejected', comments, by: expect.stringContaining('bob') }),
    ]);

    await seedTaskStage(id, 'awaiting_diff_approval');
    const badLine = await gw.http
      .post(`/api/v1/tasks/${id}/diff/reject`)
      .set(as(bob.token))
      .send({ feedback: 'x', comments: [{ ...comments[0], line: 0 }] })
      .expect(400);
    expect(badLine.body.message).toBe('comments.0.line: line must be at least 1');
    const planId = await taskAt('awaiting_plan_approval', { plan: PLAN });
    const onPlan = await gw.http
      .post(`/api/v1/tasks/${planId}/plan/reject`)
      .set(as(bob.token))
      .send({ feedback: 'x', comments })
      .expect(400);
    expect(onPlan.body.message).toBe(
      'comments: inline comments belong to a diff review; a plan rejection takes feedback only',
    );
    const version = await gw.http
      .post(`/api/v1/tasks/${planId}/plan/approve`)
      .set(as(bob.token))
      .send({ baseVersion: 0 })
      .expect(400);
    expect(version.body.message).toBe('baseVersion: baseVersion must be at least 1');
  });

  it("keeps the record inside the organisation and off limits for a viewer's decisions", async () => {
    const id = await taskAt('awaiting_plan_approval', { plan: PLAN });
    await gw.http.get(`/api/v1/tasks/${id}/review`).set(as(outsider.token)).expect(404);
    await gw.http.post(`/api/v1/tasks/${id}/plan/approve`).set(as(viewer.token)).send({ baseVersion: 1 }).expect(403);
    expect((await gw.http.get(`/api/v1/tasks/${id}/review`).set(as(viewer.token)).expect(200)).body).toEqual({
      plans: [expect.objectContaining({ version: 1, editedBy: null, summary: PLAN.summary })],
      approvals: [],
    });
  });
});
