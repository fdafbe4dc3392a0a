import { randomUUID } from 'node:crypto';
import { RabbitMqBus } from '@patchbay/bus';
import { BroadcastPatterns, type TaskCancelledNotice, type TaskEvent } from '@patchbay/contracts';
import {
  createGitRepository,
  eventually,
  GREETER_PROJECT,
  startPlatformTestApp,
  testAmqpUrl,
  uniqueName,
  type PlatformTestApp,
  startFakeChatCompletionsServer,
  type FakeChatCompletionsServer,
  type RecordedChatRequest,
} from '@patchbay/testing';

/**
 * Cancellation reaches the supervisor's own work (ADR 0018): its planner's model call is in
 * flight on a real HTTP connection to a local chat-completions server that never answers, the
 * bus is the real RabbitMQ, the sandbox real gVisor. Without the supervisor's subscription the
 * call would hang until the client's own timeout, minutes later.
 */
describe('cancelling a task while the supervisor waits on its planner model', () => {
  let server: FakeChatCompletionsServer;
  let platform: PlatformTestApp;
  let noticeBus: RabbitMqBus;
  let auth: { authorization: string };

  beforeAll(async () => {
    server = await startFakeChatCompletionsServer();
    noticeBus = new RabbitMqBus(testAmqpUrl());
    platform = await startPlatformTestApp({
      bus: new RabbitMqBus(testAmqpUrl()),
      modelEnv: {
        MODEL_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: 'sk-test-local',
        MODEL_DEFAULT: 'gpt-4o-mini',
      },
    });
    const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
    auth = { authorization: `Bearer ${admin.token}` };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
      .expect(201);
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await noticeBus?.close();
    await server?.close();
  });

  /** Starts a task and resolves once its planner's request hangs at the server. */
  async function taskWithHangingPlanner(): Promise<{ taskId: string; request: RecordedChatRequest }> {
    const before = server.requests.length;
    server.enqueue({ kind: 'hang' });
    const taskId = (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test' })
        .expect(201)
    ).body.id as string;
    const request = await eventually(
      () => {
        const made = server.requests[before];
        if (!made) throw new Error(`the model has ${server.requests.length - before} new requests`);
        return made;
      },
      { description: 'the planner calls the model', timeoutMs: 120_000, intervalMs: 50 },
    );
    return { taskId, request };
  }

  /** Resolves once the client has closed the hanging request; throws when it has not within `limitMs` of `from`. */
  function abandonedWithin(request: RecordedChatRequest, from: number, limitMs: number): Promise<void> {
    return eventually(
      () => {
        if (!request.abandonedByClient)
          throw new Error(`the request is still open ${Date.now() - from} ms after the cancel`);
      },
      {
        description: `the planner's model request is abandoned within ${limitMs} ms`,
        timeoutMs: Math.max(0, from + limitMs - Date.now()),
        intervalMs: 10,
      },
    );
  }

  it('abandons the planner call within a second of the cancel and raises no event after the cancelled status', async () => {
    const { taskId, request } = await taskWithHangingPlanner();
    expect(request.body?.tools?.map((t) => t.function.name)).toContain('submit_plan'); // it is the planner's call
    const cancelledAt = Date.now();
    await platform.http.post(`/api/v1/tasks/${taskId}/cancel`).set(auth).expect(200);
    await abandonedWithin(request, cancelledAt, 1_000);

    // A fixed wait on purpose: it proves an absence (no event after the cancel), which no condition
    // can wait for; long enough for a planner that had gone on to raise its events, retry or fail the task.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const events = (await platform.http.get(`/api/v1/tasks/${taskId}/events`).set(auth).expect(200))
      .body as TaskEvent[];
    const cancelled = events.findIndex((e) => e.type === 'status_changed' && e.payload['to'] === 'cancelled');
    expect(cancelled).toBeGreaterThan(-1);
    expect(events.slice(cancelled + 1).map((e) => `${e.type} ${JSON.stringify(e.payload).slice(0, 120)}`)).toEqual([]);
    expect((await platform.http.get(`/api/v1/tasks/${taskId}`).set(auth).expect(200)).body.status).toBe('cancelled');
    // The run ended: the model was not asked again (no retry of the planning step).
    expect(server.requests.filter((r) => r.at > request.at)).toEqual([]);
  }, 180_000);

  it('aborts the run on the broadcast alone, whichever supervisor got the CancelTask message', async () => {
    const { taskId, request } = await taskWithHangingPlanner();
    const notice: TaskCancelledNotice = { taskId, cancelledBy: randomUUID(), at: new Date().toISOString() };
    const sentAt = Date.now();
    await noticeBus.broadcast(BroadcastPatterns.TaskCancelled, notice);
    await abandonedWithin(request, sentAt, 1_000);
    await platform.http.post(`/api/v1/tasks/${taskId}/cancel`).set(auth).expect(200); // leaves the task in a final state
  }, 180_000);
});
