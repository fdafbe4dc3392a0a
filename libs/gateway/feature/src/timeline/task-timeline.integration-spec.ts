import { createHash } from 'node:crypto';
import type { TaskCheckpointView, TaskTimeline, TaskTimelineExport } from '@patchbay/contracts';
import {
  asDatabaseOwner,
  createGitRepository,
  seedTaskStage,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

/** Issue 18, part 1: a task's timeline over the real API and database (ADR 0036). */
describe('task timeline API (real Postgres)', () => {
  let gw: GatewayTestApp;
  let developer: { token: string; userId: string; organisationId: string };
  let viewer: { token: string };
  let outsider: { token: string };
  let taskId: string;

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  /** As an agent's event is stored: the task row hands out the next sequence number. */
  const seedEvent = (type: string, agent: string, payload: unknown) =>
    asDatabaseOwner((db) =>
      db.query(
        `WITH next AS (UPDATE tasks SET last_event_seq = last_event_seq + 1 WHERE id = $1 RETURNING last_event_seq)
         INSERT INTO task_events (task_id, seq, type, agent, payload) SELECT $1, last_event_seq, $2, $3, $4 FROM next`,
        [taskId, type, agent, JSON.stringify(payload)],
      ),
    );

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    const admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
    const member = await gw.login(uniqueName('viewer'), organisation);
    await gw.http
      .put(`/api/v1/admin/members/${member.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'viewer' })
      .expect(200);
    viewer = member;
    outsider = await gw.login(uniqueName('outsider'), uniqueName('other-org'));
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName: 'acme/widgets', importFrom: createGitRepository() })
      .expect(201);
    taskId = (
      await gw.http
        .post('/api/v1/tasks')
        .set(as(developer.token))
        .send({ repository: 'acme/widgets', prompt: 'Add a greeting' })
        .expect(201)
    ).body.id as string;

    await seedEvent('command_executed', 'sandbox', {
      phase: 'setup',
      command: 'npm ci',
      exitCode: 0,
      durationMs: 800,
      timedOut: false,
    });
    await asDatabaseOwner((db) =>
      db.query(
        `INSERT INTO usage_records (organisation_id, user_id, task_id, role, model, prompt_tokens, completion_tokens, cost_usd, duration_ms)
         VALUES ($1, $2, $3, 'planner', 'model-a', 120, 30, 0.0015, 420)`,
        [developer.organisationId, developer.userId, taskId],
      ),
    );
    const plan = {
      summary: 'Greet',
      steps: [{ id: 's1', title: 'Edit a.js', detail: 'add greet()', files: ['a.js'] }],
    };
    await seedTaskStage(taskId, 'awaiting_plan_approval', { plan });
    await seedEvent('plan_ready', 'supervisor', {
      plan: { ...plan, targetTests: [] },
      version: 1,
      contentHash: 'h',
      model: 'model-a',
    });
    await asDatabaseOwner((db) =>
      db.query(
        `INSERT INTO task_checkpoints (task_id, attempt, thread_id, checkpoint_id, node, next_node, step, round, has_plan, at) VALUES
           ($1, 1, $2, 'cp-start', NULL, 'analyse', -1, 0, false, now()),
           ($1, 1, $2, 'cp-plan', 'draft_plan', 'plan_approval', 2, 0, true, now() + interval '1 millisecond'),
           ($1, 1, $2, 'cp-execute', 'execute', 'validate', 4, 1, true, now() + interval '1 second'),
           ($1, 1, $2, 'cp-validate', 'validate', 'execute', 5, 1, true, now() + interval '3 seconds')`,
        [taskId, `${taskId}:1`],
      ),
    );
    const diff = 'diff --git a/a.js b/a.js\n+greet\n';
    await asDatabaseOwner((db) =>
      db.query(
        `INSERT INTO artifacts (task_id, kind, content_type, size_bytes, sha256, content, round, created_at)
         VALUES ($1, 'attempt_diff', 'text/x-diff', $2, $3, $4, 1, now() + interval '2 seconds')`,
        [taskId, Buffer.byteLength(diff), createHash('sha256').update(diff).digest('hex'), Buffer.from(diff)],
      ),
    );
    await gw.http.post(`/api/v1/tasks/${taskId}/plan/approve`).set(as(developer.token)).send({}).expect(200);
    await seedEvent('command_executed', 'coding-agent', {
      command: 'node a.js',
      exitCode: 1,
      durationMs: 15,
      timedOut: false,
      stdout: 'token=****',
      stderr: 'ReferenceError: greet is not defined',
      round: 1,
    });
  });

  afterAll(() => gw.close());

  it('shows everything the task did in one order, readable by a viewer', async () => {
    const timeline = (await gw.http.get(`/api/v1/tasks/${taskId}/timeline`).set(as(viewer.token)).expect(200))
      .body as TaskTimeline;
    const kinds = timeline.entries.map((entry) => entry.kind);
    expect(kinds.indexOf('status')).toBe(0);
    expect(kinds).toEqual(
      expect.arrayContaining(['package_install', 'model_call', 'plan', 'approval', 'checkpoint', 'command']),
    );
    expect(kinds.indexOf('package_install')).toBeLessThan(kinds.indexOf('plan'));
    expect(kinds.indexOf('approval')).toBeLessThan(kinds.lastIndexOf('command'));
    const times = timeline.entries.filter((entry) => entry.eventSeq === null).map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(timeline.entries.find((entry) => entry.kind === 'model_call')?.detail).toEqual({
      role: 'planner',
      model: 'model-a',
      promptTokens: 120,
      completionTokens: 30,
      costUsd: 0.0015,
      durationMs: 420,
    });
    expect(timeline.entries.find((entry) => entry.kind === 'approval')).toMatchObject({
      detail: { subject: 'plan', decision: 'approved', automatic: false, planVersion: 1 },
    });
    // The command's output as the event keeps it, secrets still masked.
    expect(timeline.entries.find((entry) => entry.kind === 'command')?.detail).toMatchObject({
      stdout: 'token=****',
      stderr: 'ReferenceError: greet is not defined',
    });
  });

  it('filters by kind, and refuses an unknown kind naming it and the kinds there are', async () => {
    const filtered = (
      await gw.http.get(`/api/v1/tasks/${taskId}/timeline?kinds=command,model_call`).set(as(viewer.token)).expect(200)
    ).body as TaskTimeline;
    expect(filtered.entries.map((entry) => entry.kind)).toEqual(['model_call', 'command']);
    expect(filtered.counts.package_install).toBe(1);

    const refused = await gw.http
      .get(`/api/v1/tasks/${taskId}/timeline?kinds=command,shell`)
      .set(as(viewer.token))
      .expect(400);
    expect(refused.body.message).toBe(
      'kinds: unknown kind "shell"; the kinds are status, model_call, tool_call, command, package_install, file_change, plan, approval, checkpoint, test_run, diff, pull_request, message, error',
    );
    expect(
      (await gw.http.get(`/api/v1/tasks/${taskId}/timeline?kinds=`).set(as(viewer.token)).expect(400)).body.message,
    ).toBe('kinds: name at least one kind, or leave kinds out for all of them');
    expect(
      (await gw.http.get(`/api/v1/tasks/${taskId}/timeline?limit=3`).set(as(viewer.token)).expect(400)).body.message,
    ).toBe('body: unknown field(s) "limit"');
  });

  it('exports the timeline as a JSON file', async () => {
    const response = await gw.http
      .get(`/api/v1/tasks/${taskId}/timeline/export?kinds=plan`)
      .set(as(viewer.token))
      .expect(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="task-${taskId}-timeline.json"`);
    expect(response.headers['content-type']).toContain('application/json');
    const exported = response.body as TaskTimelineExport;
    expect(exported.task).toMatchObject({ id: taskId, repository: 'acme/widgets', prompt: 'Add a greeting' });
    expect(exported.kinds).toEqual(['plan']);
    expect(exported.entries.map((entry) => entry.kind)).toEqual(['plan']);
  });

  it('lists the checkpoints with whether a fork can restore the workspace there', async () => {
    const checkpoints = (await gw.http.get(`/api/v1/tasks/${taskId}/checkpoints`).set(as(viewer.token)).expect(200))
      .body as TaskCheckpointView[];
    expect(
      checkpoints.map(({ checkpointId, node, next, forkable }) => ({ checkpointId, node, next, forkable })),
    ).toEqual([
      { checkpointId: 'cp-start', node: null, next: 'analyse', forkable: false },
      { checkpointId: 'cp-plan', node: 'draft_plan', next: 'plan_approval', forkable: true },
      { checkpointId: 'cp-execute', node: 'execute', next: 'validate', forkable: false },
      { checkpointId: 'cp-validate', node: 'validate', next: 'execute', forkable: true },
    ]);
    expect(checkpoints[2]?.notForkableBecause).toContain('the workspace after round 1 was not stored here');
  });

  it('refuses forks precisely: unknown checkpoint, unforkable checkpoint, unconfigured model, bad plan, a viewer', async () => {
    const fork = (body: object, token = developer.token) =>
      gw.http.post(`/api/v1/tasks/${taskId}/forks`).set(as(token)).send(body);
    const unknown = await fork({ checkpointId: 'nope' });
    expect([unknown.status, unknown.body.message]).toEqual([404, `Task ${taskId} has no checkpoint nope`]);
    expect((await fork({ checkpointId: 'cp-execute' }).expect(422)).body.message).toContain(
      'Checkpoint cp-execute cannot be forked: the workspace after round 1 was not stored here',
    );
    expect((await fork({ checkpointId: 'cp-plan', model: 'model-z' }).expect(422)).body.message).toBe(
      'model: "model-z" is not configured; this deployment names no models to choose from (MODEL_CHOICES)',
    );
    expect((await fork({ checkpointId: 'cp-plan', plan: { summary: 'x', steps: [] } }).expect(400)).body.message).toBe(
      'plan.steps: a plan needs at least one step',
    );
    await fork({ checkpointId: 'cp-plan' }, viewer.token).expect(403);
  });

  it('is the task’s to read: another organisation gets a 404, a bad id a 400', async () => {
    for (const path of ['timeline', 'timeline/export', 'checkpoints']) {
      expect(
        (await gw.http.get(`/api/v1/tasks/${taskId}/${path}`).set(as(outsider.token)).expect(404)).body.message,
      ).toBe(`No task with id ${taskId}`);
      await gw.http.get(`/api/v1/tasks/${taskId}/${path}`).expect(401);
    }
    await gw.http.get('/api/v1/tasks/not-a-uuid/timeline').set(as(viewer.token)).expect(400);
  });
});
