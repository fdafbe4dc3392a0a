import type { BusMessage } from '@patchbay/bus';
import { MessagePatterns, resumeTaskCommandSchema, type ResumeTaskCommand } from '@patchbay/contracts';
import {
  asDatabaseOwner,
  createGitRepository,
  eventually,
  seedTaskStage,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

/**
 * The gateway's half of required checks (ADR 0030), with the supervisor played by rows written
 * behind the application's back: the repository setting, the waiver route's answers, its audit
 * entry, the refusal of a diff approval while a check blocks, and the resume once none is left.
 * The pipeline's half runs for real in libs/supervisor/feature/src/task-pipeline-required-checks.integration-spec.ts.
 */
describe('required checks at the gateway (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string };
  let developer: { token: string; userId: string };
  let viewer: { token: string };
  const resumes: ResumeTaskCommand[] = [];
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  /** What the supervisor records when a check ran on a validation run. */
  const recordCheck = (taskId: string, runId: string, name: string, status: 'passed' | 'failed') =>
    appendEvent(taskId, 'check_completed', {
      runId,
      attempt: 1,
      round: 1,
      name,
      command: `npm run ${name}`,
      status,
      exitCode: status === 'passed' ? 0 : 2,
      durationMs: 1_234,
      timedOut: false,
      outputArtifactId: null,
      outputTail: status === 'passed' ? '' : 'src/a.ts(1,7): error TS2322',
    });
  const appendEvent = (taskId: string, type: string, payload: Record<string, unknown>) =>
    asDatabaseOwner((db) =>
      db.query(
        `WITH next AS (UPDATE tasks SET last_event_seq = last_event_seq + 1 WHERE id = $1 RETURNING last_event_seq)
         INSERT INTO task_events (task_id, seq, type, agent, payload)
         SELECT $1, last_event_seq, $2, 'supervisor', $3 FROM next`,
        [taskId, type, JSON.stringify(payload)],
      ),
    );
  const createTask = async () =>
    (
      await gw.http
        .post('/api/v1/tasks')
        .set(as(developer.token))
        .send({ repository: 'acme/checked', prompt: 'Tighten the types' })
        .expect(201)
    ).body.id as string;
  const waive = (taskId: string, name: string, body: unknown, token = developer.token) =>
    gw.http
      .post(`/api/v1/tasks/${taskId}/checks/${name}/waive`)
      .set(as(token))
      .send(body as object);

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
    viewer = await gw.login(uniqueName('viewer'), organisation);
    const members = (await gw.http.get('/api/v1/admin/members').set(as(admin.token)).expect(200)).body as Array<{
      userId: string;
    }>;
    await gw.http
      .put(`/api/v1/admin/members/${members[2]?.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'viewer' })
      .expect(200);
    await gw.http
      .put('/api/v1/admin/quotas')
      .set(as(admin.token))
      .send({ scope: 'organisation', kind: 'concurrent_tasks', limit: 50 })
      .expect(200);
    await gw.http
      .put('/api/v1/admin/quotas')
      .set(as(admin.token))
      .send({ scope: 'user', userId: developer.userId, kind: 'concurrent_tasks', limit: 50 })
      .expect(200);
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({
        source: 'local',
        fullName: 'acme/checked',
        importFrom: createGitRepository(),
        settings: { requiredChecks: [{ name: 'typecheck', command: 'npx tsc --noEmit' }] },
      })
      .expect(201);
    await gw.bus.consume(
      'supervisor',
      new Map([
        [
          MessagePatterns.ResumeTask,
          async (message: BusMessage) => void resumes.push(resumeTaskCommandSchema.parse(message.payload)),
        ],
        [MessagePatterns.StartTask, async () => undefined],
      ]),
    );
  });

  afterAll(() => gw.close());

  it('keeps named required checks in the repository settings and refuses bad ones precisely', async () => {
    const repositories = (await gw.http.get('/api/v1/repositories').set(as(admin.token)).expect(200)).body as Array<{
      id: string;
      fullName: string;
      settings: { requiredChecks: unknown };
    }>;
    const checked = repositories.find((repository) => repository.fullName === 'acme/checked');
    expect(checked?.settings.requiredChecks).toEqual([{ name: 'typecheck', command: 'npx tsc --noEmit' }]);
    const repeated = await gw.http
      .patch(`/api/v1/repositories/${checked?.id}`)
      .set(as(admin.token))
      .send({
        settings: {
          requiredChecks: [
            { name: 'build', command: 'npm run build' },
            { name: 'build', command: 'make' },
          ],
        },
      })
      .expect(400);
    expect(repeated.body.message).toContain('requiredChecks: each check needs its own name');
    const badName = await gw.http
      .patch(`/api/v1/repositories/${checked?.id}`)
      .set(as(admin.token))
      .send({ settings: { requiredChecks: [{ name: '../x', command: 'make' }] } })
      .expect(400);
    expect(badName.body.message).toContain('a check name is 1-64 letters');
  });

  it('refuses the diff approval while a check blocks, and audits the waiver that lets it through', async () => {
    const taskId = await createTask();
    await seedTaskStage(taskId, 'awaiting_diff_approval', { diff: `diff --git a/a.ts b/a.ts\n+${taskId}\n` });
    // An older run's failure is not this diff's: only the latest run counts.
    await recordCheck(taskId, 'run-1', 'lint', 'failed');
    await recordCheck(taskId, 'run-2', 'typecheck', 'failed');
    await recordCheck(taskId, 'run-2', 'build', 'passed');

    const refused = await gw.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(as(developer.token)).expect(409);
    expect(refused.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `Required check(s) failed on this diff and are not waived: "typecheck" (npm run typecheck); waive each with a reason (POST /api/v1/tasks/${taskId}/checks/<name>/waive) or request changes`,
    });
    const listed = await gw.http.get(`/api/v1/tasks/${taskId}/checks`).set(as(viewer.token)).expect(200);
    expect(listed.body.settled).toBe(false);
    expect(listed.body.checks.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
      ['typecheck', 'failed'],
      ['build', 'passed'],
    ]);

    expect((await waive(taskId, 'typecheck', {}).expect(400)).body.message).toContain('reason');
    expect((await waive(taskId, 'typecheck', { reason: '   ' }).expect(400)).body.message).toContain(
      'say why the failed check may be let through',
    );
    expect((await waive(taskId, 'typecheck', { reason: 'x', extra: 1 }).expect(400)).body.statusCode).toBe(400);
    expect((await waive(taskId, '.hidden', { reason: 'x' }).expect(400)).body.message).toContain('name:');
    expect((await waive(taskId, 'lint', { reason: 'x' }).expect(404)).body.message).toBe(
      'This task has no required check named "lint" (its checks: typecheck, build)',
    );
    expect((await waive(taskId, 'build', { reason: 'x' }).expect(409)).body.message).toBe(
      'The required check "build" passed; there is nothing to waive',
    );
    await waive(taskId, 'typecheck', { reason: 'x' }, viewer.token).expect(403);

    const reason = 'The generated client is typed upstream; tracked in ACME-12';
    const waived = await waive(taskId, 'typecheck', { reason }).expect(200);
    expect(waived.body).toMatchObject({ settled: true, checks: [{ name: 'typecheck', waiver: { reason } }, {}] });
    expect((await waive(taskId, 'typecheck', { reason }).expect(409)).body.message).toMatch(
      /^The required check "typecheck" was already waived by dev-/,
    );

    const audit = (await gw.http.get('/api/v1/admin/audit?limit=500').set(as(admin.token)).expect(200)).body as Array<{
      action: string;
      targetId: string | null;
      details: { body?: { reason?: string } };
    }>;
    const entries = audit.filter((entry) => entry.action === 'task.check.waive' && entry.targetId === taskId);
    expect(entries.map((entry) => entry.details.body?.reason)).toEqual([reason]);
    expect((await gw.http.get('/api/v1/admin/audit/verify').set(as(admin.token)).expect(200)).body.valid).toBe(true);
    const events = (await gw.http.get(`/api/v1/tasks/${taskId}/events`).set(as(viewer.token)).expect(200))
      .body as Array<{
      type: string;
      payload: Record<string, unknown>;
    }>;
    expect(events.filter((event) => event.type === 'check_waived').map((event) => event.payload)).toEqual([
      { runId: 'run-2', name: 'typecheck', reason, waivedBy: expect.stringMatching(/^dev-/) },
    ]);

    await gw.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(as(developer.token)).expect(200);
    // Waiting at diff review, nothing is resumed: the approval itself moves the task on.
    expect(resumes.filter((resume) => resume.taskId === taskId)).toEqual([]);
  });

  it('resumes a task paused at its required checks once the last failing one is waived', async () => {
    const taskId = await createTask();
    await seedTaskStage(taskId, 'paused');
    await recordCheck(taskId, 'run-1', 'typecheck', 'failed');
    await recordCheck(taskId, 'run-1', 'build', 'failed');
    await appendEvent(taskId, 'error', {
      category: 'code_logic',
      message: 'Required check(s) still fail',
      failedChecks: ['typecheck', 'build'],
    });

    await waive(taskId, 'typecheck', { reason: 'types are checked in CI' }).expect(200);
    expect(resumes.filter((resume) => resume.taskId === taskId)).toEqual([]);
    await waive(taskId, 'build', { reason: 'the build needs the network' }).expect(200);
    await eventually(
      () => {
        if (!resumes.some((resume) => resume.taskId === taskId)) throw new Error('no resume yet');
      },
      { description: 'the supervisor is told to go on', timeoutMs: 5_000, intervalMs: 20 },
    );
    expect(resumes.filter((resume) => resume.taskId === taskId)).toEqual([
      { taskId, action: 'resume', note: 'every failing required check was waived', resumedBy: developer.userId },
    ]);
  });

  it('refuses a waiver where no check waits on it, and hides other organisations’ tasks', async () => {
    const taskId = await createTask();
    const early = await waive(taskId, 'typecheck', { reason: 'x' }).expect(409);
    expect(early.body.message).toBe(
      'This task is queued; a required check can be waived only while the task waits on it (paused at its required checks, or awaiting diff approval)',
    );
    const stranger = await gw.login(uniqueName('stranger'), uniqueName('other-org'));
    await waive(taskId, 'typecheck', { reason: 'x' }, stranger.token).expect(404);
    await gw.http.get(`/api/v1/tasks/${taskId}/checks`).set(as(stranger.token)).expect(404);
  });
});
