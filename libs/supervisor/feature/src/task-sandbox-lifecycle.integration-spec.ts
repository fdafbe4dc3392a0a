import { execFileSync } from 'node:child_process';
import type { TaskEvent, TaskStatus } from '@patchbay/contracts';
import type { ModelScriptInput } from '@patchbay/model';
import { createGitRepository, GREETER_FIX, GREETER_PROJECT, startPlatformTestApp, uniqueName, type PlatformTestApp } from '@patchbay/testing';

const PLAN = { summary: 'Fix the greeting format', steps: [{ id: '1', title: 'Fix greet()', detail: '', files: ['src/greet.js'] }] };

/** The greeter whose test run takes a few seconds, so a task can be cancelled in the middle of it. */
const SLOW_GREETER = { ...GREETER_PROJECT, 'package.json': JSON.stringify({ name: 'greeter', version: '1.0.0', scripts: { test: 'sleep 4 && node --test' } }, null, 2) };

/** The sandbox containers of a task, found by the label every sandbox carries. */
function sandboxesOf(taskId: string): string[] {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=org.patchbay.sandbox.task-id=${taskId}`]).toString().trim();
  return ids ? ids.split('\n') : [];
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

async function scenario(script: ModelScriptInput, project: Record<string, string> = GREETER_PROJECT, options: { sandboxPausedTtlMs?: number } = {}) {
  const platform = await startPlatformTestApp({ script, ...options });
  const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
  const auth = { authorization: `Bearer ${admin.token}` };
  await platform.http.post('/api/v1/repositories').set(auth).send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(project) }).expect(201);
  const events = async (taskId: string) => (await platform.http.get(`/api/v1/tasks/${taskId}/events`).set(auth).expect(200)).body as TaskEvent[];
  const status = async (taskId: string) => (await platform.http.get(`/api/v1/tasks/${taskId}`).set(auth).expect(200)).body.status as TaskStatus;
  const waitFor = async (taskId: string, wanted: TaskStatus, timeoutMs = 120_000) => {
    if (await waitUntil(async () => (await status(taskId)) === wanted, timeoutMs)) return;
    const log = (await events(taskId)).map((e) => `${e.seq} ${e.agent} ${e.type} ${JSON.stringify(e.payload).slice(0, 300)}`).join('\n');
    throw new Error(`task is ${await status(taskId)}, not ${wanted}; events:\n${log}`);
  };
  const create = async (body: Record<string, unknown> = {}) =>
    (await platform.http.post('/api/v1/tasks').set(auth).send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test', ...body }).expect(201)).body.id as string;
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
    expect((await s.events(taskId)).some((e) => e.type === 'agent_thought' && String(e.payload['message']).startsWith('Sandbox ready'))).toBe(true);
    expect(await waitUntil(() => sandboxesOf(taskId).length === 0, 5_000)).toBe(true);
  }, 180_000);

  it('destroys the sandbox of a task cancelled while a step was still using it', async () => {
    const s = await scenario({ label: 'cancelled', turns: [{ role: 'planner', toolCalls: [{ name: 'submit_plan', args: PLAN }] }] }, SLOW_GREETER);
    opened.push(s.platform);
    const taskId = await s.create();
    // The sandbox exists and the baseline runs in it, so no checkpoint knows of the sandbox yet.
    expect(await waitUntil(() => sandboxesOf(taskId).length > 0, 60_000)).toBe(true);
    await s.platform.http.post(`/api/v1/tasks/${taskId}/cancel`).set(s.auth).expect(200);
    // Released as soon as the step in flight ends (the 4-second test run), not at the sandbox's 15-minute wall clock.
    expect(await waitUntil(() => sandboxesOf(taskId).length === 0, 20_000)).toBe(true);
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
    expect(await waitUntil(() => sandboxesOf(taskId).length === 0, 5_000)).toBe(true);
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
    expect(await waitUntil(() => sandboxesOf(taskId).length === 1, 5_000)).toBe(true);
    expect(await waitUntil(() => sandboxesOf(taskId).length === 0, ttlMs + 10_000)).toBe(true);
    expect(Date.now() - waitingSince).toBeGreaterThanOrEqual(ttlMs - 1_000);

    await s.platform.http.post(`/api/v1/tasks/${taskId}/plan/approve`).set(s.auth).send({}).expect(200);
    await s.waitFor(taskId, 'failed', 30_000);
    const failure = (await s.events(taskId)).filter((e) => e.type === 'error').at(-1);
    expect(failure?.payload).toMatchObject({ recoverable: true, actions: ['retry'] });
    expect(String(failure?.payload['message'])).toMatch(/^The task's sandbox is gone .*removed after 4 s \(SANDBOX_PAUSED_TTL_MS\)\. Retry the task/);
  }, 180_000);
});
