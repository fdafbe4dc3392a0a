import { execFileSync } from 'node:child_process';
import type { TaskStatus } from '@patchbay/contracts';
import type { ModelScriptInput } from '@patchbay/model';
import {
  createGitRepository,
  eventually,
  GREETER_FIX,
  GREETER_PROJECT,
  readTaskEvents,
  startPlatformTestApp,
  uniqueName,
  waitForTaskStatus,
  type PlatformTestApp,
} from '@patchbay/testing';

const PLAN = {
  summary: 'Fix the greeting format',
  steps: [{ id: '1', title: 'Fix greet()', detail: '', files: ['src/greet.js'] }],
};

/** The greeter whose test run takes a few seconds, so a task can be cancelled in the middle of it. */
const SLOW_GREETER = {
  ...GREETER_PROJECT,
  'package.json': JSON.stringify(
    { name: 'greeter', version: '1.0.0', scripts: { test: 'sleep 4 && node --test' } },
    null,
    2,
  ),
};

/** The sandbox containers of a task, found by the label every sandbox carries. */
function sandboxesOf(taskId: string): string[] {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=org.patchbay.sandbox.task-id=${taskId}`])
    .toString()
    .trim();
  return ids ? ids.split('\n') : [];
}

/** Waits until the task has `count` sandbox containers ('some': at least one). */
function waitForSandboxes(taskId: string, count: number | 'some', timeoutMs: number): Promise<void> {
  return eventually(
    () => {
      const found = sandboxesOf(taskId).length;
      if (count === 'some' ? found === 0 : found !== count) throw new Error(`the task has ${found} sandboxes`);
    },
    { description: `task ${taskId} has ${count} sandboxes`, timeoutMs },
  );
}

async function scenario(
  script: ModelScriptInput,
  project: Record<string, string> = GREETER_PROJECT,
  options: { sandboxPausedTtlMs?: number } = {},
) {
  const platform = await startPlatformTestApp({ script, ...options });
  const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
  const auth = { authorization: `Bearer ${admin.token}` };
  await platform.http
    .post('/api/v1/repositories')
    .set(auth)
    .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(project) })
    .expect(201);
  const events = (taskId: string) => readTaskEvents(platform, auth, taskId);
  const waitFor = (taskId: string, wanted: TaskStatus, timeoutMs = 120_000) =>
    waitForTaskStatus(platform, auth, taskId, wanted, timeoutMs);
  const create = async (body: Record<string, unknown> = {}) =>
    (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test', ...body })
        .expect(201)
    ).body.id as string;
  return { platform, auth, events, waitFor, create };
}

/**
 * Issue 14, item 4: a task's sandbox lives exactly as long as the task can use it. Failed tasks
 * kept theirs for the sandbox's whole 15-minute lifetime, a task cancelled mid-step kept its too.
 */
describe('task sandbox lifecycle (real gVisor sandbox, scripted model)', () => {
  let opened: PlatformTestApp[] = [];
  afterEach(async () => {
    for (const platform of opened) await platform.closeAll();
    opened = [];
  });

  it('destroys the sandbox of a failed task within seconds of the failed status', async () => {
    // The planner never submits a plan: the step is retried, then the script runs out.
    const s = await scenario({ label: 'no plan', turns: [{ role: 'planner', content: 'I would rather not plan.' }] });
    opened.push(s.platform);
    const taskId = await s.create();
    await s.waitFor(taskId, 'failed');
    expect(
      (await s.events(taskId)).some(
        (e) => e.type === 'agent_thought' && String(e.payload['message']).startsWith('Sandbox ready'),
      ),
    ).toBe(true);
    await waitForSandboxes(taskId, 0, 5_000);
  }, 180_000);

  it('destroys the sandbox of a task cancelled while a step was still using it', async () => {
    const s = await scenario(
      { label: 'cancelled', turns: [{ role: 'planner', toolCalls: [{ name: 'submit_plan', args: PLAN }] }] },
      SLOW_GREETER,
    );
    opened.push(s.platform);
    const taskId = await s.create();
    // The sandbox exists and the baseline runs in it, so no checkpoint knows of the sandbox yet.
    await waitForSandboxes(taskId, 'some', 60_000);
    await s.platform.http.post(`/api/v1/tasks/${taskId}/cancel`).set(s.auth).expect(200);
    // Released as soon as the step in flight ends (the 4-second test run), not at the sandbox's 15-minute wall clock.
    await waitForSandboxes(taskId, 0, 20_000);
    expect((await s.events(taskId)).filter((e) => e.type === 'error')).toEqual([]);
  }, 180_000);

  it('destroys the sandbox of a completed task', async () => {
    const s = await scenario({
      label: 'completed',
      turns: [
        { role: 'planner', toolCalls: [{ name: 'submit_plan', args: PLAN }] },
        { role: 'coder', toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
        { role: 'coder', content: 'Fixed.' },
      ],
    });
    opened.push(s.platform);
    const taskId = await s.create({ autoApprove: { plan: true, diff: true } });
    await s.waitFor(taskId, 'completed');
    await waitForSandboxes(taskId, 0, 5_000);
  }, 180_000);

  it('keeps the sandbox while the task waits for a human, removes it after the TTL, and a late approval asks for a retry', async () => {
    const ttlMs = 4_000;
    const s = await scenario(
      { label: 'waiting', turns: [{ role: 'planner', toolCalls: [{ name: 'submit_plan', args: PLAN }] }] },
      GREETER_PROJECT,
      { sandboxPausedTtlMs: ttlMs },
    );
    opened.push(s.platform);
    const taskId = await s.create();
    await s.waitFor(taskId, 'awaiting_plan_approval');
    const waitingSince = Date.now();
    // The run that reached the approval has set the TTL once its checkpoint is written.
    await waitForSandboxes(taskId, 1, 5_000);
    await waitForSandboxes(taskId, 0, ttlMs + 10_000);
    expect(Date.now() - waitingSince).toBeGreaterThanOrEqual(ttlMs - 1_000);

    await s.platform.http.post(`/api/v1/tasks/${taskId}/plan/approve`).set(s.auth).send({}).expect(200);
    await s.waitFor(taskId, 'failed', 30_000);
    const failure = (await s.events(taskId)).filter((e) => e.type === 'error').at(-1);
    expect(failure?.payload).toMatchObject({ recoverable: true, actions: ['retry'] });
    expect(String(failure?.payload['message'])).toMatch(
      /^The task's sandbox is gone .*removed after 4 s \(SANDBOX_PAUSED_TTL_MS\)\. Retry the task/,
    );
  }, 180_000);
});
