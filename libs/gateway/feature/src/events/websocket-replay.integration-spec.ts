import { MessagePatterns, type TaskEvent, type TaskEventRecorded } from '@patchbay/contracts';
import { TaskTransitionRepository } from '@patchbay/persistence';
import {
  connectTaskEventSocket,
  createGitRepository,
  startGatewayTestApp,
  uniqueName,
  webSocketUrlOf,
  type GatewayTestApp,
  type TaskEventSocket,
} from '@patchbay/testing';
import WebSocket from 'ws';
import { TaskEventsService } from './task-events.service';

describe('WebSocket /ws replay (real Postgres)', () => {
  let gw: GatewayTestApp;
  let url: string;
  let token: string;
  let taskId: string;
  let events: TaskEventsService;

  beforeAll(async () => {
    gw = await startGatewayTestApp({ listen: true });
    url = await webSocketUrlOf(gw);
    const user = await gw.login(uniqueName('admin'), uniqueName('org'));
    token = user.token;
    await gw.http
      .post('/api/v1/repositories')
      .set('authorization', `Bearer ${token}`)
      .send({ source: 'local', fullName: 'acme/live', importFrom: createGitRepository() })
      .expect(201);
    taskId = (
      await gw.http
        .post('/api/v1/tasks')
        .set('authorization', `Bearer ${token}`)
        .send({ repository: 'acme/live', prompt: 'stream' })
        .expect(201)
    ).body.id;
    events = gw.app.get(TaskEventsService);
  });

  afterAll(() => gw.close());

  const connect = (query = `token=${token}`): Promise<TaskEventSocket> => connectTaskEventSocket(url, query);

  const raise = (n: number) =>
    events.raise({ taskId, type: 'agent_thought', agent: 'coding-agent', payload: { message: `thought ${n}` } });

  it('replays persisted events, streams live ones, and resumes after a reconnect exactly once and in order', async () => {
    for (let n = 0; n < 5; n++) await raise(n);

    const first = await connect();
    first.socket.send(JSON.stringify({ event: 'subscribe', data: { taskId, after: 0 } }));
    expect(await first.next('subscribed')).toMatchObject({ taskId, after: 0, replayed: 6 });
    // Live events raised concurrently, while the client is connected.
    await Promise.all([raise(5), raise(6), raise(7)]);
    await first.waitFor(9);
    const lastSeen = first.events[first.events.length - 1].seq;
    first.socket.terminate();

    // Raised while the client is away.
    for (let n = 8; n < 12; n++) await raise(n);

    const second = await connect();
    second.socket.send(JSON.stringify({ event: 'subscribe', data: { taskId, after: lastSeen } }));
    await second.next('subscribed');
    await raise(12);
    await second.waitFor(5);
    // A fixed wait on purpose: a duplicate would arrive after the fifth event, and an absence has no condition to wait for.
    await new Promise((resolve) => setTimeout(resolve, 100));
    second.socket.close();

    const all = [...first.events, ...second.events].map((e) => e.seq);
    expect(all).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const persisted = (
      await gw.http.get(`/api/v1/tasks/${taskId}/events`).set('authorization', `Bearer ${token}`).expect(200)
    ).body as TaskEvent[];
    expect([...first.events, ...second.events]).toEqual(persisted);
  });

  it('resumes after an event id as well as after a sequence number', async () => {
    const persisted = (
      await gw.http.get(`/api/v1/tasks/${taskId}/events`).set('authorization', `Bearer ${token}`).expect(200)
    ).body as TaskEvent[];
    const client = await connect();
    client.socket.send(
      JSON.stringify({ event: 'subscribe', data: { taskId, afterEventId: persisted[persisted.length - 3].id } }),
    );
    await client.waitFor(2);
    expect(client.events.map((e) => e.seq)).toEqual(persisted.slice(-2).map((e) => e.seq));
    client.socket.close();
  });

  it('closes a connection without a valid session with code 4401', async () => {
    const socket = new WebSocket(`${url}/ws?token=forged`);
    const code = await new Promise<number>((resolve) => socket.on('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(4401);
  });

  it('refuses a subscription to another organisation’s task or a malformed one', async () => {
    const outsider = await gw.login(uniqueName('outsider'), uniqueName('org'));
    const client = await connect(`token=${outsider.token}`);
    client.socket.send(JSON.stringify({ event: 'subscribe', data: { taskId } }));
    expect(await client.next('error')).toEqual({ message: `no task with id ${taskId}` });
    client.socket.send(JSON.stringify({ event: 'subscribe', data: { taskId: '../../etc' } }));
    expect(await client.next('error')).toEqual({ message: 'taskId: taskId must be a UUID' });
    expect(client.events).toEqual([]);
    client.socket.close();
  });

  it('drops events agents raise after the task was cancelled, so the log ends at the cancelled status', async () => {
    const auth = `Bearer ${token}`;
    const cancelled = (
      await gw.http
        .post('/api/v1/tasks')
        .set('authorization', auth)
        .send({ repository: 'acme/live', prompt: 'cancel me' })
        .expect(201)
    ).body.id as string;
    expect(
      await events.raiseFromAgent({
        taskId: cancelled,
        type: 'agent_thought',
        agent: 'coding-agent',
        payload: { message: 'before' },
      }),
    ).not.toBeNull();
    await gw.http.post(`/api/v1/tasks/${cancelled}/cancel`).set('authorization', auth).expect(200);
    expect(
      await events.raiseFromAgent({
        taskId: cancelled,
        type: 'command_executed',
        agent: 'coding-agent',
        payload: { command: 'sleep 30', exitCode: null, durationMs: 0, timedOut: false },
      }),
    ).toBeNull();
    const log = await events.listAfter(cancelled, 0, 100);
    expect(log[log.length - 1]).toMatchObject({
      type: 'status_changed',
      payload: expect.objectContaining({ to: 'cancelled' }),
    });
    await expect(
      events.raiseFromAgent({
        taskId: '00000000-0000-4000-8000-00000000dead',
        type: 'agent_thought',
        agent: 'coding-agent',
        payload: { message: 'nobody reads this' },
      }),
    ).rejects.toThrow('does not exist');
  });

  it('streams a status change the supervisor recorded itself once the bus names it', async () => {
    const auth = `Bearer ${token}`;
    const moved = (
      await gw.http
        .post('/api/v1/tasks')
        .set('authorization', auth)
        .send({ repository: 'acme/live', prompt: 'move me' })
        .expect(201)
    ).body.id as string;
    const client = await connect();
    client.socket.send(JSON.stringify({ event: 'subscribe', data: { taskId: moved, after: 1 } }));
    await client.next('subscribed');

    // As the supervisor does: status and event in one transaction, then a notice to the gateway.
    const { event } = await gw.app
      .get(TaskTransitionRepository)
      .transitionTask({ taskId: moved, to: 'analysing', agent: 'supervisor' });
    await gw.bus.publish(MessagePatterns.TaskEventRecorded, {
      taskId: moved,
      eventId: event.id,
    } satisfies TaskEventRecorded);

    await client.waitFor(1);
    expect(client.events).toEqual([
      expect.objectContaining({
        id: event.id,
        seq: 2,
        type: 'status_changed',
        agent: 'supervisor',
        payload: { from: 'queued', to: 'analysing', attempt: 1 },
      }),
    ]);
    client.socket.close();
  });

  it("stores a command's whole output as a log artifact, keeps the excerpt in the event and serves it to the organisation only", async () => {
    const auth = `Bearer ${token}`;
    const full = { stdout: `START${'x'.repeat(20_000)}END`, stderr: 'warn' };
    const event = await events.raiseFromAgent({
      taskId,
      type: 'command_executed',
      agent: 'testing-agent',
      payload: {
        command: 'npm test',
        exitCode: 0,
        durationMs: 12,
        timedOut: false,
        stdout: 'START…END',
        stderr: 'warn',
        elidedBytes: 15_000,
        full,
      },
    });
    expect(event?.type).toBe('command_executed');
    if (event?.type !== 'command_executed') return;
    expect(event.payload.full).toBeUndefined();
    const artifactId = event.payload.outputArtifactId;
    expect(artifactId).toMatch(/^[0-9a-f-]{36}$/);
    const stored = (await events.listAfter(taskId, event.seq - 1, 1))[0];
    expect(stored?.payload).toEqual({
      command: 'npm test',
      exitCode: 0,
      durationMs: 12,
      timedOut: false,
      stdout: 'START…END',
      stderr: 'warn',
      elidedBytes: 15_000,
      outputArtifactId: artifactId,
    });
    expect(
      (await gw.http.get(`/api/v1/tasks/${taskId}/outputs/${artifactId}`).set('authorization', auth).expect(200)).body,
    ).toEqual(full);
    const stranger = await gw.login(uniqueName('other'), uniqueName('org'));
    await gw.http
      .get(`/api/v1/tasks/${taskId}/outputs/${artifactId}`)
      .set('authorization', `Bearer ${stranger.token}`)
      .expect(404);
    await gw.http.get(`/api/v1/tasks/${taskId}/outputs/${artifactId}`).expect(401);
    expect(
      (await gw.http.get(`/api/v1/tasks/${taskId}/outputs/not-a-uuid`).set('authorization', auth).expect(400)).body
        .message,
    ).toBe('artifactId must be a UUID');
    await gw.http
      .get(`/api/v1/tasks/${taskId}/outputs/00000000-0000-4000-8000-000000000000`)
      .set('authorization', auth)
      .expect(404);
  });
});
