import { execFileSync } from 'node:child_process';
import { eventsOfType, type TaskStatus } from '@patchbay/contracts';
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
  type PlatformTestOptions,
  startFakeChatCompletionsServer,
  type FakeChatCompletionsServer,
} from '@patchbay/testing';

const TARGET = { name: 'greets by name', file: 'test/greet.test.js' };
const STEPS = [{ id: '1', title: 'Fix the greeting in greet()', detail: '', files: ['src/greet.js'] }];
const ESC = String.fromCharCode(27);

/** The greeter with a second test that fails on the base commit and that no task here is about. */
const GREETER_WITH_UNRELATED_FAILURE: Record<string, string> = {
  ...GREETER_PROJECT,
  'test/farewell.test.js':
    "const test = require('node:test');\nconst assert = require('node:assert');\ntest('says goodbye', () => assert.strictEqual(typeof require('../src/greet').farewell, 'function'));\n",
};

/** One platform per scenario, each with its own model, repository and round limit. */
async function scenario(options: PlatformTestOptions, project: Record<string, string> = GREETER_PROJECT) {
  const platform = await startPlatformTestApp(options);
  const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
  const auth = { authorization: `Bearer ${admin.token}` };
  const repository = (
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(project) })
      .expect(201)
  ).body as { id: string };
  const bare = (
    await asDatabaseOwner((db) => db.query('SELECT clone_url FROM repositories WHERE id = $1', [repository.id]))
  ).rows[0].clone_url as string;

  const events = (taskId: string) => readTaskEvents(platform, auth, taskId);
  const waitFor = (taskId: string, wanted: TaskStatus) => waitForTaskStatus(platform, auth, taskId, wanted, 180_000);
  const create = async (body: Record<string, unknown> = {}) =>
    (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test', ...body })
        .expect(201)
    ).body.id as string;
  const statuses = async (taskId: string) =>
    (await events(taskId)).filter((e) => e.type === 'status_changed').map((e) => e.payload['to']);
  const patchbayBranches = () =>
    execFileSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads'], { cwd: bare })
      .toString()
      .trim()
      .split('\n')
      .filter((b) => b.startsWith('patchbay/'));
  const pullRequests = async (taskId: string) =>
    (await asDatabaseOwner((db) => db.query('SELECT body FROM pull_requests WHERE task_id = $1', [taskId])))
      .rows as Array<{ body: string }>;
  const pauseReport = async (taskId: string) =>
    eventsOfType(await events(taskId), 'error').find((e) => e.payload.category === 'code_logic')?.payload;
  return {
    platform,
    auth,
    repositoryId: repository.id,
    events,
    waitFor,
    create,
    statuses,
    patchbayBranches,
    pullRequests,
    pauseReport,
  };
}

describe('target tests decide when a task is done (real gVisor sandbox, real pipeline)', () => {
  let opened: PlatformTestApp[] = [];
  let server: FakeChatCompletionsServer | null = null;
  afterEach(async () => {
    for (const platform of opened) await platform.closeAll();
    opened = [];
    await server?.close();
    server = null;
  });

  it('sends a wrong fix back to the coder with the failing target test, its output and the diff; pauses unpublished, even with diff auto-approval; a correct fix then completes', async () => {
    // The openai provider against a local chat-completions server: the requests it records are
    // exactly what the model was shown.
    const editFile = (old: string, replacement: string) => ({
      kind: 'tool_calls' as const,
      toolCalls: [{ name: 'edit_file', arguments: { path: 'src/greet.js', old, new: replacement } }],
    });
    server = await startFakeChatCompletionsServer([
      {
        kind: 'tool_calls',
        toolCalls: [
          { name: 'submit_plan', arguments: { summary: 'Fix the greeting', steps: STEPS, targetTests: [TARGET] } },
        ],
      },
      editFile("'Hello ' + name", "'Hello, ' + name"),
      { kind: 'text', content: 'Added the comma.' },
      editFile("'Hello, ' + name", "'Hello, ' + name + '.'"),
      { kind: 'text', content: 'Added a full stop.' },
      editFile("'Hello, ' + name + '.'", '`Hello, ${name}!`'),
      { kind: 'text', content: 'The greeting ends with an exclamation mark.' },
    ]);
    const s = await scenario({
      maxRounds: 2,
      modelEnv: {
        MODEL_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: 'sk-test-local',
        MODEL_DEFAULT: 'gpt-4o-mini',
      },
    });
    opened.push(s.platform);
    const taskId = await s.create({ autoApprove: { plan: true, diff: true } });
    await s.waitFor(taskId, 'paused');

    // Round 2 started from what round 1 left: the target test by name, the runner's words for
    // it, the command that ran, and the diff so far.
    const roundStarts = server.requests.filter(
      (r) => r.body?.tools?.some((t) => t.function.name === 'edit_file') && r.body.messages.length === 2,
    );
    expect(roundStarts).toHaveLength(2);
    const secondAssignment = String(roundStarts[1].body!.messages[1].content);
    expect(secondAssignment).toContain(
      '### greets by name (test/greet.test.js): a target test of the plan; it still fails',
    );
    expect(secondAssignment).toContain(
      "Expected values to be strictly equal:\n+ actual - expected\n\n+ 'Hello, Ada'\n- 'Hello, Ada!'",
    );
    expect(secondAssignment).toContain(
      "Your change is not done yet: 1 target test(s) do not pass. Each failing test is listed below with the runner's output.",
    );
    expect(secondAssignment).toContain("+exports.greet = (name) => 'Hello, ' + name;");
    expect(secondAssignment).toMatch(/The tests were run with: `{3}\nnode --test-reporter=tap --test\n`{3}/);
    expect(secondAssignment).not.toContain(ESC);
    expect(String(roundStarts[0].body!.messages[1].content)).not.toContain('Result of the previous round');

    // Paused with a report naming the target test; never offered for approval, never published.
    const report = await s.pauseReport(taskId);
    expect(report).toMatchObject({
      message: 'Tests still fail after 2 rounds',
      failingTargetTests: [{ ...TARGET, status: 'failed' }],
    });
    expect(report?.report).toContain(
      'Target tests that do not pass yet:\n- greets by name (test/greet.test.js): still fails',
    );
    expect(await s.statuses(taskId)).not.toContain('awaiting_diff_approval');
    expect(await s.statuses(taskId)).not.toContain('publishing');
    expect(s.patchbayBranches()).toEqual([]);
    expect(await s.pullRequests(taskId)).toEqual([]);

    await s.platform.http
      .post(`/api/v1/tasks/${taskId}/resume`)
      .set(s.auth)
      .send({ action: 'fix', note: 'The greeting must end with an exclamation mark.' })
      .expect(200);
    await s.waitFor(taskId, 'completed');
    const [pr] = await s.pullRequests(taskId);
    expect(pr?.body).toContain('| greets by name (test/greet.test.js) | ❌ fails | ✅ passes |');
    expect(pr?.body).not.toContain('not introduced by this change');
    expect(s.patchbayBranches()).toHaveLength(1);
  }, 420_000);

  it("defaults the target tests from the prompt, takes the reviewer's edits, and does not finish while an edited-in target test is missing from the run", async () => {
    const script: ModelScriptInput = {
      label: 'missing target',
      turns: [
        { role: 'planner', toolCalls: [{ name: 'submit_plan', args: { summary: 'Fix the greeting', steps: STEPS } }] },
        { role: 'coder', toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
        { role: 'coder', content: 'Fixed greet().' },
      ],
    };
    const s = await scenario({ maxRounds: 1, script });
    opened.push(s.platform);
    const taskId = await s.create({ autoApprove: { diff: true } });
    await s.waitFor(taskId, 'awaiting_plan_approval');
    // The planner named none; the prompt asks to fix the failing test, so the baseline failure is the target.
    const proposed = eventsOfType(await s.events(taskId), 'plan_ready')[0]?.payload.plan;
    expect(proposed?.targetTests).toEqual([TARGET]);

    await s.platform.http
      .post(`/api/v1/tasks/${taskId}/plan/approve`)
      .set(s.auth)
      .send({ targetTests: [TARGET, { name: 'greets loudly' }] })
      .expect(200);
    await s.waitFor(taskId, 'paused');
    const report = await s.pauseReport(taskId);
    expect(report?.failingTargetTests).toEqual([{ name: 'greets loudly', status: 'not_run' }]);
    expect(report?.report).toContain('- greets loudly: not reported by this run (renamed, deleted, or not run)');
    const results = eventsOfType(await s.events(taskId), 'test_results').map((e) => [
      e.payload.phase,
      e.payload.passed,
      e.payload.failed,
    ]);
    expect(results).toEqual([
      ['baseline', 1, 1],
      ['after', 2, 0],
    ]);
    expect(await s.statuses(taskId)).not.toContain('awaiting_diff_approval');
    expect(s.patchbayBranches()).toEqual([]);
  }, 300_000);

  it('holds a repository that does not allow pre-existing failures to them: a fix of the target alone pauses', async () => {
    const script: ModelScriptInput = {
      label: 'pre-existing failure',
      turns: [
        {
          role: 'planner',
          toolCalls: [
            { name: 'submit_plan', args: { summary: 'Fix the greeting', steps: STEPS, targetTests: [TARGET] } },
          ],
        },
        { role: 'coder', toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
        { role: 'coder', content: 'Fixed greet().' },
      ],
    };
    const s = await scenario({ maxRounds: 1, script }, GREETER_WITH_UNRELATED_FAILURE);
    opened.push(s.platform);
    const updated = await s.platform.http
      .patch(`/api/v1/repositories/${s.repositoryId}`)
      .set(s.auth)
      .send({ settings: { allowPreexistingFailures: false } })
      .expect(200);
    expect(updated.body.settings.allowPreexistingFailures).toBe(false);

    const taskId = await s.create({ prompt: 'Make "greets by name" pass', autoApprove: { plan: true, diff: true } });
    await s.waitFor(taskId, 'paused');
    const report = await s.pauseReport(taskId);
    expect(report?.failingTargetTests).toEqual([]);
    expect(report?.report).toMatch(
      /must pass too \(the repository does not allow failures to stay\):\n- says goodbye \(test\/farewell\.test\.js\)/,
    );
    expect(s.patchbayBranches()).toEqual([]);
  }, 300_000);
});
