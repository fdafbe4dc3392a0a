import { eventsOfType, type PlanConformanceView, type TaskReviewRecord } from '@patchbay/contracts';
import type { ModelScriptInput } from '@patchbay/model';
import {
  asDatabaseOwner,
  createGitRepository,
  GREETER_FIX,
  GREETER_PROJECT,
  readTaskEvents,
  startPlatformTestApp,
  uniqueName,
  waitForTaskStatus,
  type PlatformTestApp,
} from '@patchbay/testing';

const TARGET = { name: 'greets by name', file: 'test/greet.test.js' };

/** The plan names src/greet.js only; the coder fixes it and also writes a file no step names. */
const SCRIPT: ModelScriptInput = {
  label: 'change outside the plan',
  turns: [
    {
      role: 'planner',
      toolCalls: [
        {
          name: 'submit_plan',
          args: {
            summary: 'Fix the greeting',
            steps: [
              { id: '1', title: 'Fix the greeting in greet()', detail: '', files: ['src/greet.js'] },
              { id: '2', title: 'Explain the format in the docs', detail: '', files: ['docs/'] },
            ],
            targetTests: [TARGET],
          },
        },
      ],
    },
    {
      role: 'coder',
      toolCalls: [
        { name: 'edit_file', args: GREETER_FIX },
        { name: 'create_file', args: { path: 'NOTES.md', content: 'Greetings end with an exclamation mark.\n' } },
      ],
    },
    { role: 'coder', content: 'Fixed greet() and wrote a note.' },
  ],
};

describe('plan conformance (real pipeline, gVisor sandbox, local forge)', () => {
  let platform: PlatformTestApp | null = null;
  afterEach(async () => {
    await platform?.closeAll();
    platform = null;
  });

  it('flags a file outside the plan at diff review, holds auto-approval, refuses an approval that does not acknowledge it, and publishes with the acknowledgement in the PR', async () => {
    platform = await startPlatformTestApp({ script: SCRIPT, maxRounds: 1 });
    const login = uniqueName('reviewer');
    const admin = await platform.login(login, uniqueName('org'));
    const auth = { authorization: `Bearer ${admin.token}` };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
      .expect(201);
    const taskId = (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({
          repository: 'acme/greeter',
          prompt: 'Fix the failing greeting test',
          autoApprove: { plan: true, diff: true },
        })
        .expect(201)
    ).body.id as string;

    // Asked for automatic approval, the task still waits: a setting cannot acknowledge a change outside the plan.
    await waitForTaskStatus(platform, auth, taskId, 'awaiting_diff_approval', 240_000);
    const events = await readTaskEvents(platform, auth, taskId);
    expect(eventsOfType(events, 'agent_thought').find((e) => e.payload.reason === 'out_of_plan')?.payload.message).toBe(
      'Automatic diff approval is held back: the change touches a file outside the approved plan (NOTES.md), which a reviewer must acknowledge',
    );
    const diffReady = eventsOfType(events, 'diff_ready')[0]?.payload;
    const raised = eventsOfType(events, 'plan_conformance');
    expect(raised).toHaveLength(1);

    // The diff review API shows the report on the diff under review, read against the approved version.
    const view = (await platform.http.get(`/api/v1/tasks/${taskId}/diff/conformance`).set(auth).expect(200))
      .body as PlanConformanceView;
    expect(view.acknowledgement).toBeNull();
    expect(view.report).toEqual(raised[0]?.payload);
    expect(view.report).toMatchObject({
      planVersion: 1,
      diffSha256: diffReady?.sha256,
      outOfPlan: ['NOTES.md'],
      steps: [
        { id: '1', plannedFiles: ['src/greet.js'], changedFiles: ['src/greet.js'], status: 'changed' },
        { id: '2', plannedFiles: ['docs/'], changedFiles: [], status: 'no_change' },
      ],
      files: [
        { path: 'NOTES.md', change: 'added', stepIds: [], outOfPlan: true },
        { path: 'src/greet.js', change: 'modified', stepIds: ['1'], outOfPlan: false },
      ],
    });

    // A plain approval is refused, naming the file; so is an acknowledgement of a file that is in the plan.
    const refused = await platform.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(auth).send({}).expect(409);
    expect(refused.body).toMatchObject({
      statusCode: 409,
      message:
        'The diff changes a file outside the approved plan that the approval does not acknowledge: NOTES.md. Review them and approve with "acknowledgeOutOfPlan": ["NOTES.md"], or request changes.',
    });
    const stray = await platform.http
      .post(`/api/v1/tasks/${taskId}/diff/approve`)
      .set(auth)
      .send({ acknowledgeOutOfPlan: ['NOTES.md', 'src/greet.js'] })
      .expect(400);
    expect(stray.body.message).toBe(
      'acknowledgeOutOfPlan: src/greet.js is not changed outside the approved plan (outside the plan are only NOTES.md)',
    );
    expect((await platform.http.get(`/api/v1/tasks/${taskId}`).set(auth).expect(200)).body.status).toBe(
      'awaiting_diff_approval',
    );
    const approvalsBefore = await asDatabaseOwner((db) =>
      db.query(`SELECT count(*)::int AS n FROM approvals WHERE task_id = $1 AND subject = 'diff'`, [taskId]),
    );
    expect(approvalsBefore.rows[0].n).toBe(0);

    // With the file acknowledged, the diff is approved and published.
    await platform.http
      .post(`/api/v1/tasks/${taskId}/diff/approve`)
      .set(auth)
      .send({ acknowledgeOutOfPlan: ['NOTES.md'] })
      .expect(200);
    await waitForTaskStatus(platform, auth, taskId, 'completed', 180_000);

    const pullRequest = (
      await asDatabaseOwner((db) => db.query('SELECT body FROM pull_requests WHERE task_id = $1', [taskId]))
    ).rows[0] as { body: string };
    expect(pullRequest.body).toContain(
      [
        '## Plan conformance',
        'The diff read against the approved plan (version 1).',
        '',
        '| step | files changed |',
        '|---|---|',
        '| 1. Fix the greeting in greet() | `src/greet.js` |',
        '| 2. Explain the format in the docs | no change (planned: `docs/`) |',
        '',
        `**Outside the plan** — acknowledged by @${login} when approving the diff:`,
        '- `NOTES.md` (added)',
      ].join('\n'),
    );

    // The acknowledgement is on the record: the review record, the decision's event, the report's view and the audit log.
    const record = (await platform.http.get(`/api/v1/tasks/${taskId}/review`).set(auth).expect(200))
      .body as TaskReviewRecord;
    expect(record.approvals.find((a) => a.subject === 'diff')).toMatchObject({
      decision: 'approved',
      acknowledgedOutOfPlan: ['NOTES.md'],
      decidedBy: { login },
    });
    const decided = eventsOfType(await readTaskEvents(platform, auth, taskId), 'checkpoint_reached').find(
      (e) => e.payload.subject === 'diff',
    );
    expect(decided?.payload.acknowledgedOutOfPlan).toEqual(['NOTES.md']);
    const after = (await platform.http.get(`/api/v1/tasks/${taskId}/diff/conformance`).set(auth).expect(200))
      .body as PlanConformanceView;
    expect(after.acknowledgement).toMatchObject({ paths: ['NOTES.md'], by: login });
    const audit = await asDatabaseOwner((db) =>
      db.query(`SELECT details FROM audit_log WHERE action = 'task.diff.approve' AND target_id = $1`, [taskId]),
    );
    expect(audit.rows.map((row: { details: { body: unknown } }) => row.details.body)).toEqual([
      { acknowledgeOutOfPlan: ['NOTES.md'] },
    ]);
  }, 480_000);
});
