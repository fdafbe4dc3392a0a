import { eventsOfType } from '@patchbay/contracts';
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

/**
 * The greeter with two required checks: `syntax` passes on any valid JavaScript; `no-templates`
 * refuses template literals, which the greeter's fix (GREETER_FIX) uses — so the tests pass and
 * that check fails, round after round.
 */
const CHECKED_GREETER: Record<string, string> = {
  ...GREETER_PROJECT,
  '.patchbay.yml': [
    'checks:',
    '  syntax: node --check src/greet.js',
    '  no-templates: node scripts/no-templates.js',
    '',
  ].join('\n'),
  'scripts/no-templates.js': [
    "const source = require('node:fs').readFileSync('src/greet.js', 'utf8');",
    "if (source.includes('`')) {",
    "  console.error('src/greet.js uses a template literal; this package supports engines without them');",
    '  process.exit(1);',
    '}',
    '',
  ].join('\n'),
};

const PLAN = {
  summary: 'Fix the greeting format',
  steps: [{ id: '1', title: 'Make greet() return "Hello, <name>!"', detail: '', files: ['src/greet.js'] }],
};

describe('required checks in the task pipeline (real gVisor sandbox, real Postgres, scripted model)', () => {
  let platform: PlatformTestApp;

  beforeAll(async () => {
    platform = await startPlatformTestApp({
      maxRounds: 2,
      script: {
        label: 'greeter fix with a template literal',
        turns: [
          { role: 'planner', toolCalls: [{ name: 'submit_plan', args: PLAN }] },
          { role: 'coder', toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
          { role: 'coder', content: 'greet() now returns "Hello, <name>!".' },
          // The second round, after the failing check came back: the coder keeps its change.
          { role: 'coder', content: 'The template literal stays; it is the clearest way to write this.' },
        ],
      },
    });
  }, 120_000);

  afterAll(() => platform?.closeAll());

  it('stops a change whose required check fails before diff approval, until a waiver lets it through to a PR that says so', async () => {
    const login = uniqueName('admin');
    const admin = await platform.login(login, uniqueName('org'));
    const auth = { authorization: `Bearer ${admin.token}` };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(CHECKED_GREETER) })
      .expect(201);
    const taskId = (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test', autoApprove: { plan: true } })
        .expect(201)
    ).body.id as string;

    await waitForTaskStatus(platform, auth, taskId, 'paused', 300_000);
    let events = await readTaskEvents(platform, auth, taskId);
    // Tests pass after the first round; the failing check sent the change back to the coder once, then stopped it.
    expect(eventsOfType(events, 'test_results').map((e) => [e.payload.phase, e.payload.failed])).toEqual([
      ['baseline', 1],
      ['after', 0],
      ['after', 0],
    ]);
    expect(
      eventsOfType(events, 'check_completed').map((e) => [e.payload.round, e.payload.name, e.payload.status]),
    ).toEqual([
      [1, 'syntax', 'passed'],
      [1, 'no-templates', 'failed'],
      [2, 'syntax', 'passed'],
      [2, 'no-templates', 'failed'],
    ]);
    const failed = eventsOfType(events, 'check_completed').at(-1)?.payload;
    expect(failed).toMatchObject({ command: 'node scripts/no-templates.js', exitCode: 1, timedOut: false });
    // The whole output is stored and served like every command's.
    const output = await platform.http
      .get(`/api/v1/tasks/${taskId}/outputs/${failed?.outputArtifactId}`)
      .set(auth)
      .expect(200);
    expect(output.body.stderr).toContain('src/greet.js uses a template literal');
    const stop = eventsOfType(events, 'error').at(-1)?.payload;
    expect(stop).toMatchObject({ failedChecks: ['no-templates'], actions: ['fix_it', 'change_approach', 'abort'] });
    expect(stop?.report).toContain('uses a template literal');
    expect(eventsOfType(events, 'diff_ready')).toEqual([]);

    const refused = await platform.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(auth).expect(409);
    expect(refused.body.message).toBe('This task is paused; there is no diff awaiting approval');

    const reason = 'Every engine we support has template literals; the check predates that';
    await platform.http.post(`/api/v1/tasks/${taskId}/checks/no-templates/waive`).set(auth).send({}).expect(400);
    await platform.http
      .post(`/api/v1/tasks/${taskId}/checks/no-templates/waive`)
      .set(auth)
      .send({ reason })
      .expect(200);
    const audited = await asDatabaseOwner((db) =>
      db.query(`SELECT actor_login, details FROM audit_log WHERE action = 'task.check.waive' AND target_id = $1`, [
        taskId,
      ]),
    );
    expect(audited.rows).toEqual([{ actor_login: login, details: expect.objectContaining({ body: { reason } }) }]);

    await waitForTaskStatus(platform, auth, taskId, 'awaiting_diff_approval', 180_000);
    await platform.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(auth).expect(200);
    await waitForTaskStatus(platform, auth, taskId, 'completed', 180_000);

    events = await readTaskEvents(platform, auth, taskId);
    expect(eventsOfType(events, 'check_waived').map((e) => e.payload)).toEqual([
      { runId: failed?.runId, name: 'no-templates', reason, waivedBy: login },
    ]);
    const body = (
      await asDatabaseOwner((db) => db.query('SELECT body FROM pull_requests WHERE task_id = $1', [taskId]))
    ).rows[0]?.body as string;
    expect(body).toContain('## Checks\n| check | command | result | duration | output |');
    // `node --check` prints nothing, so there is no output to store: the row links the task's checks instead.
    expect(body).toMatch(
      new RegExp(
        `\\| syntax \\| \`node --check src/greet.js\` \\| ✅ passed \\| \\d+(\\.\\d)? m?s \\| \\[task\\]\\(/tasks/${taskId}#checks\\) \\|`,
      ),
    );
    expect(body).toContain(`[output](/api/v1/tasks/${taskId}/outputs/${failed?.outputArtifactId})`);
    expect(body).toContain(
      `| no-templates | \`node scripts/no-templates.js\` | ⚠️ failed (exited with code 1), waived by @${login}: ${reason} |`,
    );
    expect(body).toContain(
      `- The required check \`no-templates\` fails on this change; @${login} waived it: ${reason}`,
    );
  }, 600_000);
});
