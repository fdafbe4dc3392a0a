import { randomUUID } from 'node:crypto';
import { BroadcastPatterns, MessagePatterns } from '@patchbay/contracts';
import { connect } from 'amqplib';
import type { BusMessage } from './message-bus';
import { queueTopology, RabbitMqBus } from './rabbitmq.bus';
import { eventually, testAmqpUrl } from '@patchbay/testing';

// Runs against the machine's real RabbitMQ. Each test uses the research-agent queue, purged first,
// because no other test consumes it.
describe('RabbitMqBus (real broker)', () => {
  const topology = queueTopology('research-agent');
  let bus: RabbitMqBus;

  beforeEach(async () => {
    bus = new RabbitMqBus(testAmqpUrl(), { maxAttempts: 3, initialDelayMs: 50 });
    await bus.publish(MessagePatterns.ResearchQuery, { warmUp: true }); // declares the topology
    const connection = await connect(testAmqpUrl());
    const channel = await connection.createChannel();
    for (const queue of Object.values(topology)) await channel.purgeQueue(queue);
    await connection.close();
  });

  afterEach(() => bus.close());

  it('delivers a broadcast to every subscribed instance, not to one consumer', async () => {
    const others = [new RabbitMqBus(testAmqpUrl()), new RabbitMqBus(testAmqpUrl())];
    try {
      const received: Array<{ instance: number; payload: unknown }> = [];
      for (const [instance, other] of others.entries())
        await other.subscribe(BroadcastPatterns.TaskCancelled, (payload) => void received.push({ instance, payload }));
      const taskId = randomUUID();
      await bus.broadcast(BroadcastPatterns.TaskCancelled, { taskId });
      await eventually(
        () => {
          const mine = received.filter((entry) => (entry.payload as { taskId: string }).taskId === taskId);
          expect(mine.map((entry) => entry.instance).sort()).toEqual([0, 1]);
        },
        { description: 'both instances receive the broadcast', timeoutMs: 5_000, intervalMs: 20 },
      );
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('declares durable queues with a dead-letter route and delivers persistent messages', async () => {
    const connection = await connect(testAmqpUrl());
    const channel = await connection.createChannel();
    await bus.publish(MessagePatterns.ResearchQuery, { query: 'left-pad' }, { messageId: 'm-1' });
    const raw = await channel.get(topology.queue, { noAck: true });
    await connection.close();
    expect(raw).not.toBe(false);
    if (raw === false) return;
    expect(raw.properties.deliveryMode).toBe(2);
    expect(raw.properties.type).toBe(MessagePatterns.ResearchQuery);
    expect(raw.properties.messageId).toBe('m-1');
    expect(JSON.parse(raw.content.toString())).toEqual({ query: 'left-pad' });
  });

  it('retries a failing handler with backoff, then dead-letters it', async () => {
    const seen: BusMessage[] = [];
    const marker = randomUUID();
    await bus.consume(
      'research-agent',
      new Map([
        [
          MessagePatterns.ResearchQuery,
          async (message: BusMessage) => {
            seen.push(message);
            throw new Error('registry unavailable');
          },
        ],
      ]),
    );
    await bus.publish(MessagePatterns.ResearchQuery, { marker });
    await eventually(() => expect(seen).toHaveLength(3), {
      description: 'three deliveries',
      timeoutMs: 5_000,
      intervalMs: 25,
    });
    expect(seen.map((m) => m.attempt)).toEqual([1, 2, 3]);
    expect(new Set(seen.map((m) => m.messageId)).size).toBe(1);

    const connection = await connect(testAmqpUrl());
    const channel = await connection.createChannel();
    const dead = await eventually(
      async () => {
        const message = await channel.get(topology.dead, { noAck: true });
        if (!message) throw new Error('the dead-letter queue is empty');
        return message;
      },
      { description: 'the message reaches the dead-letter queue', timeoutMs: 5_000, intervalMs: 25 },
    );
    await connection.close();
    expect(JSON.parse(dead.content.toString())).toEqual({ marker });
  });

  it('acknowledges a handled message so it is not delivered again', async () => {
    const seen: unknown[] = [];
    await bus.consume(
      'research-agent',
      new Map([[MessagePatterns.ResearchQuery, async (m: BusMessage) => void seen.push(m.payload)]]),
    );
    await bus.publish(MessagePatterns.ResearchQuery, { n: 1 });
    await eventually(() => expect(seen).toHaveLength(1), {
      description: 'one delivery',
      timeoutMs: 5_000,
      intervalMs: 25,
    });
    await bus.close();
    const connection = await connect(testAmqpUrl());
    const channel = await connection.createChannel();
    const status = await channel.checkQueue(topology.queue);
    await connection.close();
    expect(status.messageCount).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
  });
});
