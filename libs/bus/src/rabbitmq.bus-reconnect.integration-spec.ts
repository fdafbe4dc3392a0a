import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { MessagePatterns } from '@patchbay/contracts';
import { connect } from 'amqplib';
import type { BusMessage } from './message-bus';
import { queueTopology, RabbitMqBus } from './rabbitmq.bus';
import { eventually, testAmqpUrl } from '@patchbay/testing';

/**
 * The broker going away and coming back (a restart), without restarting the machine's shared
 * broker: the bus talks to it through a TCP relay that the test drops — every connection cut at
 * once, the port refusing for a while — and opens again on the same port. Like
 * rabbitmq.bus.integration-spec.ts it uses the research-agent queue, purged first: the two must
 * not run at the same time on one vhost (the node suite runs in band).
 */
class BrokerRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: URL) {}

  async open(port = 0): Promise<number> {
    const server = createServer((client) => {
      const upstream = createConnection({ host: this.target.hostname, port: Number(this.target.port || 5672) });
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
    return (server.address() as { port: number }).port;
  }

  /** Like a killed broker: every connection reset, nothing listening. */
  async drop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((done) => server.close(done));
  }
}

describe('RabbitMqBus across a broker restart (real broker behind a relay)', () => {
  const topology = queueTopology('research-agent');
  const target = new URL(testAmqpUrl());
  const relay = new BrokerRelay(target);
  let bus: RabbitMqBus;

  beforeEach(async () => {
    const port = await relay.open();
    const url = new URL(testAmqpUrl());
    url.port = String(port);
    url.hostname = '127.0.0.1';
    bus = new RabbitMqBus(url.toString(), { maxAttempts: 3, initialDelayMs: 50 }, 4, 20_000);
    await bus.publish(MessagePatterns.ResearchQuery, { warmUp: true }); // declares the topology
    const connection = await connect(testAmqpUrl());
    const channel = await connection.createChannel();
    for (const queue of Object.values(topology)) await channel.purgeQueue(queue);
    await connection.close();
  });

  afterEach(async () => {
    await bus.close();
    await relay.drop();
  });

  it('consumes again after the connection dropped, and a publish made while the broker is away is sent once it is back', async () => {
    // By message id, as consumers de-duplicate: the drop may cut the first message's ack off, and
    // the broker then delivers it again after the reconnect (at-least-once, ADR 0005).
    const received = new Map<string, unknown>();
    await bus.consume(
      'research-agent',
      new Map([[MessagePatterns.ResearchQuery, async (m: BusMessage) => void received.set(m.messageId, m.payload)]]),
    );
    await bus.publish(MessagePatterns.ResearchQuery, { n: 1 });
    await eventually(() => expect([...received.values()]).toEqual([{ n: 1 }]), {
      description: 'the first message is consumed',
      timeoutMs: 5_000,
      intervalMs: 25,
    });

    const port = Number(new URL((bus as unknown as { url: string }).url).port);
    await relay.drop();
    // Published while nothing answers on the broker's port: it must wait, not fail.
    const published = bus.publish(MessagePatterns.ResearchQuery, { n: 2 });
    await new Promise((done) => setTimeout(done, 1_500));
    await relay.open(port);
    await published;

    await eventually(() => expect([...received.values()]).toEqual([{ n: 1 }, { n: 2 }]), {
      description: 'the consumer, reconnected on its own, receives the message published during the outage',
      timeoutMs: 15_000,
      intervalMs: 50,
    });
  }, 30_000);

  it('gives up on a publish once the broker has been away longer than its patience', async () => {
    const impatient = new RabbitMqBus('amqp://guest:guest@127.0.0.1:9', undefined, 4, 1_000);
    const started = Date.now();
    await expect(impatient.publish(MessagePatterns.ResearchQuery, { n: 3 })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    await impatient.close();
  });
});
