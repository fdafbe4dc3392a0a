import { queueTopology, RabbitMqBus } from '@patchbay/bus';
import { MessagePatterns, type NewTaskEvent, type TaskEvent } from '@patchbay/contracts';
import {
  adminDatabaseUrl,
  TEST_DATABASE,
  connectTaskEventSocket,
  createGitRepository,
  eventually,
  startGatewayTestApp,
  testAmqpUrl,
  uniqueName,
  webSocketUrlOf,
  type GatewayTestApp,
  type TaskEventSocket,
} from '@patchbay/testing';
import { connect as connectAmqp } from 'amqplib';
import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { TaskEventsService } from './task-events.service';

/**
 * Two gateway replicas on one database and one RabbitMQ queue, as in a deployment with several
 * gateways and no sticky sessions (ADR 0025): a WebSocket client on replica A receives the events
 * replica B stores and those either replica takes off the bus, each exactly once and in order.
 */
describe('task events across gateway replicas (real Postgres, real broker)', () => {
  let a: GatewayTestApp;
  let b: GatewayTestApp;
  let token: string;
  let taskId: string;
  /** How often each event was handed to `subscribeAll` (the GitHub notifier's feed), over both replicas. */
  const reactions = new Map<number, number>();

  beforeAll(async () => {
    const amqp = await connectAmqp(testAmqpUrl());
    const channel = await amqp.createChannel();
    for (const queue of Object.values(queueTopology('gateway'))) await channel.deleteQueue(queue);
    await amqp.close();
    // One secret, so a session signed by either replica is valid on the other.
    const env = { JWT_SECRET: randomBytes(32).toString('hex') };
    const replica = () =>
      startGatewayTestApp({
        listen: true,
        env,
        bus: new RabbitMqBus(testAmqpUrl(), { maxAttempts: 3, initialDelayMs: 50 }),
      });
    a = await replica();
    b = await replica();
    token = (await b.login(uniqueName('admin'), uniqueName('org'))).token;
    await b.http
      .post('/api/v1/repositories')
      .set('authorization', `Bearer ${token}`)
      .send({ source: 'local', fullName: 'acme/replicas', importFrom: createGitRepository() })
      .expect(201);
    taskId = (
      await b.http
        .post('/api/v1/tasks')
        .set('authorization', `Bearer ${token}`)
        .send({ repository: 'acme/replicas', prompt: 'fan out' })
        .expect(201)
    ).body.id;
    for (const app of [a, b]) {
      app.app.get(TaskEventsService).subscribeAll((event) => {
        if (event.taskId === taskId) reactions.set(event.seq, (reactions.get(event.seq) ?? 0) + 1);
      });
    }
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const connect = async (gateway: GatewayTestApp): Promise<TaskEventSocket> =>
    connectTaskEventSocket(await webSocketUrlOf(gateway), `token=${token}`);

  const thought = (n: number): NewTaskEvent => ({
    taskId,
    type: 'agent_thought',
    agent: 'coding-agent',
    payload: { message: `thought ${n}` },
  });
  /** Stored by replica B itself. */
  const raiseOnB = (n: number) => b.app.get(TaskEventsService).raise(thought(n));
  /** Raised by an agent over the bus: whichever replica takes the message stores it. */
  const raiseOverBus = (n: number) => b.bus.publish(MessagePatterns.TaskEventRaised, thought(n));
  const persisted = async () =>
    (await b.http.get(`/api/v1/tasks/${taskId}/events`).set('authorization', `Bearer ${token}`).expect(200))
      .body as TaskEvent[];

  it('delivers events stored by the other replica or taken off the bus by either, with replay after a reconnect, exactly once', async () => {
    const first = await connect(a);
    first.socket.send(JSON.stringify({ event: 'subscribe', data: { taskId, after: 0 } }));
    // The task's first status event, stored by replica B when it created the task.
    expect(await first.next('subscribed')).toMatchObject({ taskId, after: 0, replayed: 1 });

    await Promise.all([raiseOnB(1), raiseOnB(2), raiseOverBus(3), raiseOverBus(4), raiseOverBus(5), raiseOnB(6)]);
    await first.waitFor(7);
    const lastSeen = first.events[first.events.length - 1].seq;
    first.socket.terminate();

    // While the client is away.
    await raiseOnB(7);
    await raiseOverBus(8);
    await eventually(async () => expect((await persisted()).length).toBe(9), {
      description: 'the event sent over the bus is stored',
    });

    const second = await connect(a);
    second.socket.send(JSON.stringify({ event: 'subscribe', data: { taskId, after: lastSeen } }));
    expect(await second.next('subscribed')).toMatchObject({ replayed: 9 - lastSeen });
    await Promise.all([raiseOverBus(9), raiseOnB(10), raiseOverBus(11)]);
    await second.waitFor(12 - lastSeen);
    // A fixed wait on purpose: a duplicate would arrive after the last event, and an absence has no condition to wait for.
    await new Promise((resolve) => setTimeout(resolve, 200));
    second.socket.close();

    const all = [...first.events, ...second.events];
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(all).toEqual(await persisted());
    // Reactions (the GitHub notifier) happen on one replica only: the one that stored the event.
    for (let seq = 2; seq <= 12; seq++) expect([seq, reactions.get(seq)]).toEqual([seq, 1]);
  });

  it('catches up after the listening connection was lost', async () => {
    const client = await connect(a);
    const after = (await persisted()).length;
    client.socket.send(JSON.stringify({ event: 'subscribe', data: { taskId, after } }));
    await client.next('subscribed');

    const admin = new PgClient({ connectionString: adminDatabaseUrl() });
    await admin.connect();
    try {
      // Only this run's database: a gateway of another run or a developer's on the same server keeps listening.
      const listening = `SELECT pid FROM pg_stat_activity WHERE application_name = 'patchbay-gateway-listen' AND datname = $1`;
      await admin.query(`SELECT pg_terminate_backend(pid) FROM (${listening}) AS l`, [TEST_DATABASE]);
      // Raised on B while neither replica listens: A hears of it only by catching up once it listens again.
      await raiseOnB(12);
      await client.waitFor(1);
      expect(client.events.map((e) => e.seq)).toEqual([after + 1]);
      await eventually(async () => expect((await admin.query(listening, [TEST_DATABASE])).rowCount).toBe(2), {
        description: 'both replicas listen again',
      });
    } finally {
      await admin.end();
    }
    await raiseOnB(13);
    await client.waitFor(2);
    expect(client.events.map((e) => e.seq)).toEqual([after + 1, after + 2]);
    client.socket.close();
  });
});
