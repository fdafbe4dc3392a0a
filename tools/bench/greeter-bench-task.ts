/**
 * The task the platform benchmarks time: fix the greeter project's failing test, scripted model,
 * plan and diff auto-approved, through the whole platform (tools/bench/pipeline.bench.ts,
 * tools/bench/tracing-overhead.bench.ts, tools/bench/load.bench.ts). One place, so all measure the same work.
 */
import type { ModelScriptInput } from '@patchbay/model';
import type { TaskEvent } from '@patchbay/contracts';
import { createGitRepository, GREETER_FIX, GREETER_PROJECT, uniqueName, type PlatformTestApp } from '@patchbay/testing';

/** The three model turns of the greeter fix: a one-step plan, the edit, "done". */
export function greeterBenchScript(label: string): ModelScriptInput {
  return {
    label,
    turns: [
      {
        role: 'planner',
        toolCalls: [
          {
            name: 'submit_plan',
            args: {
              summary: 'Fix greet()',
              steps: [{ id: '1', title: 'Fix greet()', detail: '', files: ['src/greet.js'] }],
            },
          },
        ],
      },
      { role: 'coder', toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
      { role: 'coder', content: 'Fixed.' },
    ],
  };
}

/** Signs in an admin with quotas high enough for a benchmark and imports the greeter repository; returns its auth header. */
export async function prepareGreeterBench(
  platform: PlatformTestApp,
  concurrentTasks = 3,
): Promise<{ authorization: string }> {
  const admin = await platform.login(uniqueName('bench'), uniqueName('bench'));
  const auth = { authorization: `Bearer ${admin.token}` };
  for (const scope of ['organisation', 'user'] as const) {
    const subject = scope === 'user' ? { userId: admin.userId } : {};
    await platform.http
      .put('/api/v1/admin/quotas')
      .set(auth)
      .send({ scope, ...subject, kind: 'tasks_per_day', limit: 10_000 })
      .expect(200);
    await platform.http
      .put('/api/v1/admin/quotas')
      .set(auth)
      .send({ scope, ...subject, kind: 'concurrent_tasks', limit: concurrentTasks })
      .expect(200);
  }
  await platform.http
    .post('/api/v1/repositories')
    .set(auth)
    .send({ source: 'local', fullName: 'bench/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
    .expect(201);
  return auth;
}

/** Creates the greeter task (plan and diff auto-approved); returns its id once the gateway accepted it. */
export async function startGreeterTask(platform: PlatformTestApp, auth: { authorization: string }): Promise<string> {
  return (
    await platform.http
      .post('/api/v1/tasks')
      .set(auth)
      .send({
        repository: 'bench/greeter',
        prompt: 'Fix the failing greeting test',
        autoApprove: { plan: true, diff: true },
      })
      .expect(201)
  ).body.id as string;
}

/** The last error event of a failed task, as an Error naming it. */
export async function taskFailure(
  platform: PlatformTestApp,
  auth: { authorization: string },
  taskId: string,
): Promise<Error> {
  const events = (await platform.http.get(`/api/v1/tasks/${taskId}/events`).set(auth)).body as TaskEvent[];
  const error = events.filter((event) => event.type === 'error').pop();
  return new Error(`task ${taskId} failed: ${JSON.stringify(error?.payload ?? {})}`);
}

/** Creates the greeter task and polls until it completes; a failed task throws with its last error event. */
export async function runGreeterTask(
  platform: PlatformTestApp,
  auth: { authorization: string },
): Promise<{ taskId: string; totalMs: number }> {
  const started = performance.now();
  const taskId = await startGreeterTask(platform, auth);
  for (;;) {
    const status = (await platform.http.get(`/api/v1/tasks/${taskId}`).set(auth)).body.status as string;
    if (status === 'completed') return { taskId, totalMs: performance.now() - started };
    if (status === 'failed') throw await taskFailure(platform, auth, taskId);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
