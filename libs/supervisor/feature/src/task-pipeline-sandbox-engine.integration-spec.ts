import type { TaskEvent } from '@patchbay/contracts';
import {
  createGitRepository,
  GREETER_PROJECT,
  startPlatformTestApp,
  uniqueName,
  waitForTaskStatus,
  type PlatformTestApp,
} from '@patchbay/testing';

const PLAN = {
  summary: 'Fix the greeting format',
  steps: [{ id: '1', title: 'Fix greet()', detail: '', files: ['src/greet.js'] }],
};
/** A socket path nothing serves: the sandbox service runs, the Docker engine it needs does not answer. */
const DEAD_SOCKET = '/nonexistent/patchbay-test/docker.sock';

/**
 * Issue 15, item 1: a machine without a usable sandbox engine. Tasks failed at once with
 * "transient: fetch failed" and a Retry that failed the same way, while /readyz said ready.
 */
describe('sandbox engine unavailable (real sandbox service, Docker unreachable)', () => {
  let platform: PlatformTestApp | undefined;
  afterEach(async () => {
    await platform?.closeAll();
    platform = undefined;
  });

  it('readiness names the missing engine, and a task fails user-correctable with the reason and npm run doctor', async () => {
    platform = await startPlatformTestApp({
      script: {
        label: 'never reached',
        turns: [{ role: 'planner', toolCalls: [{ name: 'submit_plan', args: PLAN }] }],
      },
      sandboxEnv: { DOCKER_SOCKET: DEAD_SOCKET },
    });

    const ready = await platform.http.get('/readyz').expect(503);
    expect(ready.body.checks).toEqual({ database: 'up', bus: 'up', sandbox: 'down' });
    expect(ready.body.message).toBe(
      `Not ready: sandbox: the Docker engine at ${DEAD_SOCKET} does not answer (connect ENOENT ${DEAD_SOCKET})`,
    );
    expect(await platform.sandbox.engineStatus()).toEqual({
      up: false,
      reason: `the Docker engine at ${DEAD_SOCKET} does not answer (connect ENOENT ${DEAD_SOCKET})`,
    });

    const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
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
        .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test' })
        .expect(201)
    ).body.id as string;
    await waitForTaskStatus(platform, auth, taskId, 'failed', 60_000);

    const events = (await platform.http.get(`/api/v1/tasks/${taskId}/events`).set(auth).expect(200))
      .body as TaskEvent[];
    const errors = events.filter((event) => event.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.payload).toMatchObject({
      category: 'user_correctable',
      recoverable: true,
      message: `the sandbox engine is not available: the Docker engine at ${DEAD_SOCKET} does not answer (connect ENOENT ${DEAD_SOCKET}) — run npm run doctor`,
    });
    expect(JSON.stringify(events)).not.toContain('fetch failed');
  }, 120_000);

  it('with the engine up, readiness reports the sandbox up', async () => {
    platform = await startPlatformTestApp({ script: { label: 'unused', turns: [] } });
    const ready = await platform.http.get('/readyz').expect(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'up', bus: 'up', sandbox: 'up' } });
  }, 60_000);
});
