import { execFileSync } from 'node:child_process';
import { eventsOfType, type TaskCandidateView, type TaskStatus } from '@patchbay/contracts';
import {
  asDatabaseOwner,
  createGitRepository,
  eventually,
  GREETER_PROJECT,
  readTaskEvents,
  startFakeChatCompletionsServer,
  startPlatformTestApp,
  uniqueName,
  waitForTaskStatus,
  type ChatCompletionRequest,
  type FakeChatCompletionsServer,
  type FakeChatReply,
  type PlatformTestApp,
} from '@patchbay/testing';

const TARGET = { name: 'greets by name', file: 'test/greet.test.js' };
const STEPS = [{ id: '1', title: 'Fix the greeting in greet()', detail: '', files: ['src/greet.js'] }];

/** What each candidate's coder writes into src/greet.js (the greeter's test wants `Hello, Ada!`). */
type Edits = Record<number, string>;
/** Fails the target test: no exclamation mark. */
const NO_EXCLAMATION = "'Hello, ' + name";
/** Passes: the fix. */
const FIX = '`Hello, ${name}!`';
/** Fails the target test: another greeting altogether. */
const WRONG_GREETING = "'Hi ' + name";
/** Passes too, with a larger change (two more lines). */
const FIX_WITH_NOTE = '`Hello, ${name}!`;\n// Greetings end with an exclamation mark.\n// (AGENTS.md style)';

/**
 * The local chat-completions server answers the planner with a plan, and each candidate's coder
 * with its own edit: which candidate asks is read from its assignment ("You are candidate k of N"),
 * since the three conversations reach the server in any order.
 */
function modelFor(edits: Edits | 'hang') {
  return (request: ChatCompletionRequest): FakeChatReply => {
    if (request.tools?.some((tool) => tool.function.name === 'submit_plan'))
      return {
        kind: 'tool_calls',
        toolCalls: [
          { name: 'submit_plan', arguments: { summary: 'Fix the greeting', steps: STEPS, targetTests: [TARGET] } },
        ],
      };
    // Holds every coder's first model call open, so the task can be cancelled while its candidates run.
    if (edits === 'hang') return { kind: 'hang' };
    const assignment = String(request.messages[1]?.content ?? '');
    const candidate = Number(/You are candidate (\d+) of/.exec(assignment)?.[1] ?? 0);
    if (request.messages.at(-1)?.role === 'tool') return { kind: 'text', content: `Candidate ${candidate} is done.` };
    return {
      kind: 'tool_calls',
      toolCalls: [
        {
          name: 'edit_file',
          arguments: { path: 'src/greet.js', old: "'Hello ' + name", new: edits[candidate] ?? "''" },
        },
      ],
    };
  };
}

/** The sandbox containers of a task, found by the label every sandbox carries. */
function sandboxesOf(taskId: string): string[] {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=org.patchbay.sandbox.task-id=${taskId}`])
    .toString()
    .trim();
  return ids ? ids.split('\n') : [];
}

async function scenario(edits: Edits | 'hang') {
  const server = await startFakeChatCompletionsServer(Array.from({ length: 30 }, () => modelFor(edits)));
  const platform = await startPlatformTestApp({
    maxRounds: 1,
    modelEnv: {
      MODEL_PROVIDER: 'openai',
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_API_KEY: 'sk-test-local',
      MODEL_DEFAULT: 'gpt-4o-mini',
    },
  });
  const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
  const auth = { authorization: `Bearer ${admin.token}` };
  const repository = (
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
      .expect(201)
  ).body as { id: string };
  const bare = (
    await asDatabaseOwner((db) => db.query('SELECT clone_url FROM repositories WHERE id = $1', [repository.id]))
  ).rows[0].clone_url as string;
  const create = (body: Record<string, unknown>) =>
    platform.http
      .post('/api/v1/tasks')
      .set(auth)
      .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test', ...body });
  const candidates = async (taskId: string) =>
    (await platform.http.get(`/api/v1/tasks/${taskId}/candidates`).set(auth).expect(200)).body as TaskCandidateView[];
  const publishedGreeting = () => {
    const branch = execFileSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads/patchbay/'], {
      cwd: bare,
    })
      .toString()
      .trim();
    return execFileSync('git', ['show', `${branch}:src/greet.js`], { cwd: bare }).toString();
  };
  return {
    server,
    platform,
    auth,
    create,
    candidates,
    publishedGreeting,
    events: (taskId: string) => readTaskEvents(platform, auth, taskId),
    waitFor: (taskId: string, wanted: TaskStatus) => waitForTaskStatus(platform, auth, taskId, wanted, 300_000),
    sandboxesOf,
    noSandboxesLeft: (taskId: string) =>
      eventually(
        () => {
          const left = sandboxesOf(taskId);
          if (left.length > 0) throw new Error(`${left.length} sandboxes left`);
        },
        { description: `task ${taskId} has no sandbox left`, timeoutMs: 30_000 },
      ),
  };
}

describe('best-of-N attempts (real gVisor sandboxes, real pipeline, local chat-completions server)', () => {
  let platform: PlatformTestApp | null = null;
  let server: FakeChatCompletionsServer | null = null;
  afterEach(async () => {
    await platform?.closeAll();
    platform = null;
    await server?.close();
    server = null;
  });

  it('best-of-3: candidates 1 and 3 fail the target test, candidate 2 passes and is published; no candidate sandbox is left; more candidates than the quota are refused', async () => {
    const s = await scenario({ 1: NO_EXCLAMATION, 2: FIX, 3: WRONG_GREETING });
    ({ platform, server } = s);

    // The organisation's quota (3 by default) bounds the candidates a task may ask for.
    const refused = await s.create({ candidates: 4 }).expect(422);
    expect(refused.body.message).toBe(
      'candidates: 4 parallel attempts asked for, but this organisation allows at most 3 per task (quota candidates_per_task); ask for 3 or fewer, or have an admin raise the quota',
    );
    await s.platform.http
      .put('/api/v1/admin/quotas')
      .set(s.auth)
      .send({ scope: 'organisation', kind: 'candidates_per_task', limit: 1 })
      .expect(200);
    expect((await s.create({ candidates: 2 }).expect(422)).body.message).toContain('allows at most 1 per task');
    expect((await s.create({ candidates: 11 }).expect(400)).body.message).toContain('candidates must be at most 10');
    await s.platform.http
      .put('/api/v1/admin/quotas')
      .set(s.auth)
      .send({ scope: 'organisation', kind: 'candidates_per_task', limit: 3 })
      .expect(200);

    const created = await s.create({ candidates: 3, autoApprove: { plan: true, diff: true } }).expect(201);
    const taskId = created.body.id as string;
    expect(created.body.candidates).toBe(3);
    await s.waitFor(taskId, 'completed');

    // Three conversations, each told which candidate it is.
    const assignments = s.server.requests
      .filter((r) => r.body?.tools?.some((t) => t.function.name === 'edit_file') && r.body.messages.length === 2)
      .map((r) => /You are candidate (\d) of 3/.exec(String(r.body!.messages[1].content))?.[1])
      .sort();
    expect(assignments).toEqual(['1', '2', '3']);

    const list = await s.candidates(taskId);
    expect(list.map((c) => [c.index, c.status, c.done, c.selected])).toEqual([
      [1, 'finished', false, false],
      [2, 'finished', true, true],
      [3, 'finished', false, false],
    ]);
    expect(list[1].diff).toContain('+exports.greet = (name) => `Hello, ${name}!`;');
    expect(list[0].failingTargetTests).toBe(1);
    expect(list[1].tests).toEqual({ passed: 2, failed: 0 });
    expect(list.every((c) => c.changedLines === 2)).toBe(true);

    const events = await s.events(taskId);
    expect(
      eventsOfType(events, 'candidate_started')
        .map((e) => e.payload.candidate)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(eventsOfType(events, 'candidate_finished')).toHaveLength(3);
    expect(eventsOfType(events, 'candidate_selected').map((e) => e.payload)).toEqual([
      {
        candidate: 2,
        of: 3,
        by: 'supervisor',
        reason: 'the only candidate that passes the tests (target tests met, nothing new fails)',
      },
    ]);

    // The pull request carries candidate 2's change, and every sandbox (candidates' and the task's) is gone.
    expect(s.publishedGreeting()).toBe('exports.greet = (name) => `Hello, ${name}!`;\n');
    await s.noSandboxesLeft(taskId);
  }, 600_000);

  it('a reviewer picks another candidate at diff approval: its change replaces the diff, and is what gets published', async () => {
    const s = await scenario({ 1: WRONG_GREETING, 2: FIX, 3: FIX_WITH_NOTE });
    ({ platform, server } = s);
    const taskId = (await s.create({ candidates: 3, autoApprove: { plan: true } }).expect(201)).body.id as string;
    await s.waitFor(taskId, 'awaiting_diff_approval');

    // Two pass; the smaller change (candidate 2) is the one offered. The others' sandboxes are gone already.
    let list = await s.candidates(taskId);
    expect(list.map((c) => [c.index, c.done, c.selected])).toEqual([
      [1, false, false],
      [2, true, true],
      [3, true, false],
    ]);
    expect(list[2].changedLines).toBeGreaterThan(list[1].changedLines);
    expect(sandboxesOf(taskId)).toHaveLength(1);
    const firstDiff = (await s.platform.http.get(`/api/v1/tasks/${taskId}/diff`).set(s.auth).expect(200)).text;
    expect(firstDiff).not.toContain('Greetings end with an exclamation mark');

    // Precise refusals: a candidate that fails the tests, one that does not exist, one already offered.
    expect(
      (await s.platform.http.post(`/api/v1/tasks/${taskId}/candidates/1/select`).set(s.auth).expect(422)).body.message,
    ).toBe('Candidate 1 cannot be chosen: its change does not pass the tests (target tests met, nothing new failing)');
    expect(
      (await s.platform.http.post(`/api/v1/tasks/${taskId}/candidates/7/select`).set(s.auth).expect(404)).body.message,
    ).toBe('This task has no candidate 7; it has candidates 1 to 3');
    await s.platform.http.post(`/api/v1/tasks/${taskId}/candidates/2/select`).set(s.auth).expect(409);
    await s.platform.http.post(`/api/v1/tasks/${taskId}/candidates/zero/select`).set(s.auth).expect(400);

    await s.platform.http.post(`/api/v1/tasks/${taskId}/candidates/3/select`).set(s.auth).expect(200);
    await eventually(
      async () => {
        const selected = eventsOfType(await s.events(taskId), 'candidate_selected');
        if (selected.length < 2) throw new Error('the switch is not recorded yet');
        return selected;
      },
      { description: 'the reviewer’s candidate is selected', timeoutMs: 120_000 },
    );
    await s.waitFor(taskId, 'awaiting_diff_approval');
    const secondDiff = (await s.platform.http.get(`/api/v1/tasks/${taskId}/diff`).set(s.auth).expect(200)).text;
    expect(secondDiff).toContain('+// Greetings end with an exclamation mark.');
    list = await s.candidates(taskId);
    expect(list.map((c) => c.selected)).toEqual([false, false, true]);
    const audit = await asDatabaseOwner((db) =>
      db.query("SELECT action FROM audit_log WHERE action = 'task.candidate.select' AND target_id = $1", [taskId]),
    );
    expect(audit.rows).toHaveLength(1);

    await s.platform.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(s.auth).expect(200);
    await s.waitFor(taskId, 'completed');
    expect(s.publishedGreeting()).toContain('// Greetings end with an exclamation mark.');
    // Once the diff is decided, no candidate can be chosen any more.
    expect(
      (await s.platform.http.post(`/api/v1/tasks/${taskId}/candidates/2/select`).set(s.auth).expect(409)).body.message,
    ).toBe('This task is completed; a candidate can be chosen only while its diff awaits approval');
    await s.noSandboxesLeft(taskId);
  }, 600_000);

  it('a task cancelled while its candidates run leaves none of their sandboxes behind', async () => {
    const s = await scenario('hang');
    ({ platform, server } = s);
    const taskId = (await s.create({ candidates: 2, autoApprove: { plan: true } }).expect(201)).body.id as string;
    await eventually(
      async () => {
        const started = eventsOfType(await s.events(taskId), 'candidate_started');
        if (started.length < 2) throw new Error(`${started.length} candidates started`);
      },
      { description: 'both candidates started', timeoutMs: 240_000 },
    );
    // The task's own sandbox and one per candidate.
    expect(s.sandboxesOf(taskId)).toHaveLength(3);
    await s.platform.http.post(`/api/v1/tasks/${taskId}/cancel`).set(s.auth).expect(200);
    await s.noSandboxesLeft(taskId);
  }, 400_000);
});
