import {
  BroadcastPatterns,
  taskConstraintAddedNoticeSchema,
  type AddedConstraint,
  type TaskConstraintAddedNotice,
} from '@patchbay/contracts';
import {
  createGitRepository,
  eventually,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

/**
 * The gateway's side of constraints added while a task runs (ADR 0027): who may add one, which
 * input is refused and why, and that an accepted one is stored, in the timeline, audited and
 * announced to the agents.
 */
describe('POST /tasks/:id/constraints (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string };
  let developer: { token: string; userId: string };
  let viewer: { token: string };
  let stranger: { token: string };
  const notices: TaskConstraintAddedNotice[] = [];

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
    viewer = await gw.login(uniqueName('viewer'), organisation);
    stranger = await gw.login(uniqueName('stranger'), uniqueName('other-org'));
    const members = (await gw.http.get('/api/v1/admin/members').set(as(admin.token)).expect(200)).body as Array<{
      userId: string;
    }>;
    await gw.http
      .put(`/api/v1/admin/members/${members[2]?.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'viewer' })
      .expect(200);
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName: 'acme/widgets', importFrom: createGitRepository() })
      .expect(201);
    await gw.bus.subscribe(BroadcastPatterns.TaskConstraintAdded, (payload) => {
      notices.push(taskConstraintAddedNoticeSchema.parse(payload));
    });
  });

  afterAll(() => gw.close());

  function as(token: string) {
    return { authorization: `Bearer ${token}` };
  }
  const createTask = async (constraints: Record<string, unknown> = {}) =>
    (
      await gw.http
        .post('/api/v1/tasks')
        .set(as(developer.token))
        .send({ repository: 'acme/widgets', prompt: 'Add a greeting', constraints })
        .expect(201)
    ).body.id as string;
  const post = (taskId: string, token: string, body: unknown) =>
    gw.http
      .post(`/api/v1/tasks/${taskId}/constraints`)
      .set(as(token))
      .send(body as object);

  it('stores the constraint, records it in the timeline, audits it and announces it to the agents', async () => {
    const taskId = await createTask({ avoidFiles: ['secrets/**'] });
    const added = (
      await post(taskId, developer.token, { note: ' Keep it small ', avoidFiles: ['src/config.ts'] }).expect(201)
    ).body as AddedConstraint;
    expect(added).toEqual({
      id: expect.any(String),
      note: 'Keep it small',
      avoidFiles: ['src/config.ts'],
      addedBy: expect.stringMatching(/^dev/),
      at: expect.any(String),
    });

    const events = (await gw.http.get(`/api/v1/tasks/${taskId}/events`).set(as(viewer.token)).expect(200))
      .body as Array<{
      type: string;
      agent: string;
      payload: unknown;
    }>;
    expect(events.filter((e) => e.type === 'constraint_added')).toEqual([
      expect.objectContaining({
        agent: 'gateway',
        payload: {
          constraintId: added.id,
          note: 'Keep it small',
          avoidFiles: ['src/config.ts'],
          addedBy: added.addedBy,
        },
      }),
    ]);
    await eventually(
      () => {
        if (!notices.some((n) => n.id === added.id)) throw new Error('no notice yet');
      },
      { description: 'the notice is broadcast', timeoutMs: 5_000, intervalMs: 20 },
    );
    expect(notices.find((n) => n.id === added.id)).toEqual({ taskId, ...added });
    const audit = await gw.http.get('/api/v1/admin/audit?limit=500').set(as(admin.token)).expect(200);
    expect(JSON.stringify(audit.body)).toContain('task.constraint.add');

    // A pattern already avoided adds nothing: refused rather than stored as an empty addition.
    const repeated = await post(taskId, developer.token, { avoidFiles: ['secrets/**', 'src/config.ts'] }).expect(400);
    expect(repeated.body.message).toBe('avoidFiles: every pattern is already on the task’s list of files to avoid');
  });

  it('lowers the limit on changed files only, naming the limit in force', async () => {
    const taskId = await createTask();
    await post(taskId, developer.token, { maxFilesChanged: 4 }).expect(201);
    const higher = await post(taskId, developer.token, { maxFilesChanged: 6 }).expect(400);
    expect(higher.body.message).toBe(
      'maxFilesChanged: the task already allows at most 4 changed files, and a constraint can only lower the limit',
    );
    await post(taskId, developer.token, { maxFilesChanged: 2 }).expect(201);
  });

  it('refuses viewers, other organisations, bad ids and bad input with precise 4xx', async () => {
    const taskId = await createTask();
    await post(taskId, viewer.token, { note: 'no' }).expect(403);
    await post(taskId, stranger.token, { note: 'no' }).expect(404);
    await post('not-a-uuid', developer.token, { note: 'no' }).expect(400);
    expect((await post(taskId, developer.token, { avoidFiles: ['../outside'] }).expect(400)).body.message).toContain(
      'a pattern must not contain ".." segments',
    );
    expect((await post(taskId, developer.token, { note: 'x', lift: true }).expect(400)).body.message).toContain('lift');
    await gw.http.post(`/api/v1/tasks/${taskId}/cancel`).set(as(developer.token)).expect(200);
    expect((await post(taskId, developer.token, { note: 'late' }).expect(409)).body.message).toBe(
      'Constraints can be added only while the task is live (not publishing or finished); this one is cancelled',
    );
  });
});
