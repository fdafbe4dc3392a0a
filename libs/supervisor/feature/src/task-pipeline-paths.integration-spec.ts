import { execFileSync } from 'node:child_process';
import { eventsOfType, type TaskStatus } from '@patchbay/contracts';
import {
  asDatabaseOwner,
  createGitRepository,
  eventually,
  lastEventSeq,
  readTaskEvents,
  startPlatformTestApp,
  uniqueName,
  waitForEvent,
  waitForTaskStatus,
  type PlatformTestApp,
  GREETER_PROJECT,
  fakeSecrets,
} from '@patchbay/testing';
import type { ModelScriptInput } from '@patchbay/model';

const plan = (title: string) => ({ summary: title, steps: [{ id: '1', title, detail: '', files: ['src/greet.js'] }] });
const edit = (oldText: string, newText: string) => ({
  role: 'coder' as const,
  toolCalls: [{ name: 'edit_file', args: { path: 'src/greet.js', old: oldText, new: newText } }],
});
const done = (text: string) => ({ role: 'coder' as const, content: text });

/** One platform per scenario: each replays its own model script. */
async function scenario(script: ModelScriptInput, maxRounds = 3) {
  const platform = await startPlatformTestApp({ script, maxRounds });
  const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
  const auth = { authorization: `Bearer ${admin.token}` };
  await platform.http
    .post('/api/v1/repositories')
    .set(auth)
    .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
    .expect(201);
  const bare = (
    await asDatabaseOwner((db) =>
      db.query('SELECT clone_url FROM repositories WHERE organisation_id = $1', [admin.organisationId]),
    )
  ).rows[0].clone_url as string;

  const events = (taskId: string) => readTaskEvents(platform, auth, taskId);
  const waitFor = (taskId: string, wanted: TaskStatus) => waitForTaskStatus(platform, auth, taskId, wanted);
  /**
   * Waits for the task's next move to `to` after its event `afterSeq`. After a rejection the task
   * still shows the status it is leaving, so waiting for that status would return at once; the
   * event log keeps a status the pipeline passes through, which polling the status could miss.
   */
  const waitForMove = (taskId: string, to: TaskStatus, afterSeq: number) =>
    waitForEvent(platform, auth, taskId, {
      type: 'status_changed',
      afterSeq,
      where: (e) => e.payload.to === to,
      description: `task ${taskId} moves to ${to} after seq ${afterSeq}`,
    });
  const create = async (body: Record<string, unknown> = {}) =>
    (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test', ...body })
        .expect(201)
    ).body.id as string;
  const branches = () =>
    execFileSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads'], { cwd: bare })
      .toString()
      .trim()
      .split('\n');
  return { platform, auth, bare, events, waitFor, waitForMove, create, branches };
}

describe('task pipeline paths (real gVisor sandbox, scripted model)', () => {
  let opened: PlatformTestApp[] = [];
  afterEach(async () => {
    for (const platform of opened) await platform.closeAll();
    opened = [];
  });

  it('re-plans after a rejected plan and runs a second round after requested changes', async () => {
    const s = await scenario({
      label: 'rejections',
      turns: [
        { role: 'planner', toolCalls: [{ name: 'submit_plan', args: plan('Rewrite the whole module') }] },
        { role: 'planner', toolCalls: [{ name: 'submit_plan', args: plan('Fix the string in greet()') }] },
        // Both rounds pass the tests (a change that leaves the failing test failing never reaches
        // diff approval); the reviewer still asks for another form.
        edit("'Hello ' + name", "'Hello, ' + name + '!'"),
        done('Added the comma and the exclamation mark.'),
        edit("'Hello, ' + name + '!'", '`Hello, ${name}!`'),
        done('Used a template literal.'),
      ],
    });
    opened.push(s.platform);
    const taskId = await s.create();
    await s.waitFor(taskId, 'awaiting_plan_approval');
    const beforePlanRejection = await lastEventSeq(s.platform, s.auth, taskId);
    await s.platform.http
      .post(`/api/v1/tasks/${taskId}/plan/reject`)
      .set(s.auth)
      .send({ feedback: 'Too broad: only fix the string.' })
      .expect(200);
    await s.waitForMove(taskId, 'planning', beforePlanRejection);
    await s.waitForMove(taskId, 'awaiting_plan_approval', beforePlanRejection);
    const plans = (await s.events(taskId))
      .filter((e) => e.type === 'plan_ready')
      .map((e) => (e.payload['plan'] as { summary: string }).summary);
    expect(plans).toEqual(['Rewrite the whole module', 'Fix the string in greet()']);
    await s.platform.http.post(`/api/v1/tasks/${taskId}/plan/approve`).set(s.auth).send({}).expect(200);

    await s.waitFor(taskId, 'awaiting_diff_approval');
    expect((await s.platform.http.get(`/api/v1/tasks/${taskId}/diff`).set(s.auth)).text).toContain(
      "+exports.greet = (name) => 'Hello, ' + name + '!';",
    );
    const beforeDiffRejection = await lastEventSeq(s.platform, s.auth, taskId);
    await s.platform.http
      .post(`/api/v1/tasks/${taskId}/diff/reject`)
      .set(s.auth)
      .send({ feedback: 'Use a template literal.' })
      .expect(200);
    await s.waitForMove(taskId, 'executing', beforeDiffRejection);
    await s.waitForMove(taskId, 'awaiting_diff_approval', beforeDiffRejection);
    expect((await s.platform.http.get(`/api/v1/tasks/${taskId}/diff`).set(s.auth)).text).toContain(
      '+exports.greet = (name) => `Hello, ${name}!`;',
    );
    await s.platform.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(s.auth).expect(200);
    await s.waitFor(taskId, 'completed');

    const decisions = (
      await asDatabaseOwner((db) =>
        db.query('SELECT subject, decision FROM approvals WHERE task_id = $1 ORDER BY decided_at', [taskId]),
      )
    ).rows;
    expect(decisions).toEqual([
      { subject: 'plan', decision: 'rejected' },
      { subject: 'plan', decision: 'approved' },
      { subject: 'diff', decision: 'rejected' },
      { subject: 'diff', decision: 'approved' },
    ]);
    expect(s.branches().filter((b) => b.startsWith('patchbay/'))).toHaveLength(1);
  }, 300_000);

  it('blocks a diff with a planted AWS key, GitHub token and private key before any commit; nothing reaches the repository', async () => {
    const keyLine = [
      `const AWS_ACCESS_KEY_ID = '${fakeSecrets.awsAccessKeyId()}';`,
      `const AWS_SECRET_ACCESS_KEY = '${fakeSecrets.awsSecretAccessKey()}';`,
      `const GITHUB_TOKEN = '${fakeSecrets.githubClassicToken()}';`,
      'const DEPLOY_KEY = `',
      ...fakeSecrets.rsaPrivateKeyLines(),
      '`;',
      '',
    ].join('\n');
    const s = await scenario({
      label: 'planted secret',
      turns: [
        { role: 'planner', toolCalls: [{ name: 'submit_plan', args: plan('Fix greet() and add config') }] },
        edit("'Hello ' + name", '`Hello, ${name}!`'),
        { role: 'coder', toolCalls: [{ name: 'create_file', args: { path: 'src/aws.js', content: keyLine } }] },
        done('Done.'),
      ],
    });
    opened.push(s.platform);
    const taskId = await s.create({ autoApprove: { plan: true, diff: true } });
    await s.waitFor(taskId, 'failed');
    const events = await s.events(taskId);
    const blocked = eventsOfType(events, 'error').find((e) => e.payload.category === 'security');
    expect(blocked?.payload.message).toMatch(/src\/aws\.js:1/);
    const findings = blocked?.payload.findings ?? [];
    expect(findings.map((f) => [f.line, f.ruleId])).toEqual([
      [1, '@secretlint/secretlint-rule-aws'],
      [2, '@secretlint/secretlint-rule-aws'],
      [3, '@secretlint/secretlint-rule-github'],
      [5, '@secretlint/secretlint-rule-privatekey'],
    ]);
    expect(JSON.stringify(events)).not.toContain(fakeSecrets.awsSecretAccessKey());
    expect(JSON.stringify(events)).not.toContain(fakeSecrets.githubClassicToken());
    expect(s.branches()).toEqual(['main']);
    const stored = (
      await asDatabaseOwner((db) =>
        db.query("SELECT count(*)::int AS n FROM artifacts WHERE task_id = $1 AND kind = 'diff'", [taskId]),
      )
    ).rows[0].n;
    expect(stored).toBe(0);
    // The supervisor asks the gateway for the audit entry over the bus: it may be stored after the task shows failed.
    const audit = await eventually(
      async () => {
        const rows = (
          await asDatabaseOwner((db) =>
            db.query(
              "SELECT actor_login, details FROM audit_log WHERE action = 'task.publish.blocked-secret' AND target_id = $1",
              [taskId],
            ),
          )
        ).rows as Array<{ actor_login: string; details: unknown }>;
        if (rows.length === 0) throw new Error('no task.publish.blocked-secret audit entry yet');
        return rows;
      },
      { description: 'the blocked publish is audited', timeoutMs: 5_000 },
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_login).toBe('patchbay-supervisor');
    expect(JSON.stringify(audit[0].details)).toContain('src/aws.js');
    expect(JSON.stringify(audit[0].details)).not.toContain(fakeSecrets.awsSecretAccessKey());
  }, 300_000);

  it('refuses a task the scripted recording was not made for: user-correctable, says how to configure a model, publishes nothing', async () => {
    const s = await scenario({
      label: 'greeting fix recording',
      prompts: ['Fix the failing greeting test'],
      turns: [
        { role: 'planner', toolCalls: [{ name: 'submit_plan', args: plan('Fix the greeting') }] },
        edit("'Hello ' + name", '`Hello, ${name}!`'),
        done('Fixed.'),
      ],
    });
    opened.push(s.platform);
    const taskId = await s.create({ prompt: 'Add a farewell function', autoApprove: { plan: true, diff: true } });
    await s.waitFor(taskId, 'failed');
    const failure = (await s.events(taskId)).find((e) => e.type === 'error');
    expect(failure?.payload).toMatchObject({ category: 'user_correctable', recoverable: true });
    expect(String(failure?.payload['message'])).toMatch(
      /^No model is configured for this task: the scripted model "greeting fix recording" only replays its recording of "Fix the failing greeting test"\. Set OPENAI_BASE_URL and OPENAI_API_KEY/,
    );
    expect(String(failure?.payload['message'])).not.toMatch(/\/tmp\//);
    expect(s.branches()).toEqual(['main']);
  }, 300_000);

  it('pauses with a report when tests still fail after the allowed rounds, and goes on when a human says "fix it"', async () => {
    const s = await scenario(
      {
        label: 'failing forever',
        turns: [
          { role: 'planner', toolCalls: [{ name: 'submit_plan', args: plan('Return a number') }] },
          edit("'Hello ' + name", '42'),
          done('Returned a number.'),
          edit('42', '43'),
          done('Returned another number.'),
          edit('43', '`Hello, ${name}!`'),
          done('Returned the greeting.'),
        ],
      },
      2,
    );
    opened.push(s.platform);
    const taskId = await s.create({ autoApprove: { plan: true, diff: true } });
    await s.waitFor(taskId, 'paused');
    const events = await s.events(taskId);
    expect(events.filter((e) => e.type === 'test_results' && e.payload['phase'] === 'after')).toHaveLength(2);
    const report = eventsOfType(events, 'error').find((e) => e.payload.category === 'code_logic');
    expect(report?.payload).toMatchObject({
      recoverable: true,
      actions: ['fix_it', 'change_approach', 'abort'],
      message: 'Tests still fail after 2 rounds',
    });
    expect(report?.payload.report).toContain('returns a string');
    expect(s.branches()).toEqual(['main']);

    await s.platform.http.post(`/api/v1/tasks/${taskId}/resume`).set(s.auth).send({ action: 'sideways' }).expect(400);
    await s.platform.http
      .post(`/api/v1/tasks/${taskId}/resume`)
      .set(s.auth)
      .send({ action: 'fix', note: 'Return the greeting string again.' })
      .expect(200);
    await s.waitFor(taskId, 'completed');
    expect(s.branches().filter((b) => b.startsWith('patchbay/'))).toHaveLength(1);
    await s.platform.http.post(`/api/v1/tasks/${taskId}/resume`).set(s.auth).send({ action: 'fix' }).expect(409);
  }, 300_000);
});
