import { randomUUID } from 'node:crypto';
import { MessagePatterns } from '@patchbay/contracts';
import { activeTraceIds, flushTracing, shutdownTracing, startTracing, withSpan } from '@patchbay/observability';
import { eventually, startOtlpCollector, testAmqpUrl, type OtlpCollector } from '@patchbay/testing';
import { connect } from 'amqplib';
import { InProcessBus } from './in-process.bus';
import type { BusMessage, MessageBus } from './message-bus';
import { queueTopology, RabbitMqBus } from './rabbitmq.bus';

describe.each([
  ['in-process', (): MessageBus => new InProcessBus({ maxAttempts: 3, initialDelayMs: 50 })],
  ['rabbitmq', (): MessageBus => new RabbitMqBus(testAmqpUrl(), { maxAttempts: 3, initialDelayMs: 50 })],
] as const)('trace context over the %s bus', (system, makeBus) => {
  let collector: OtlpCollector;
  let bus: MessageBus;

  beforeAll(async () => {
    collector = await startOtlpCollector();
    startTracing('bus-test', { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint });
  });
  afterAll(async () => {
    await shutdownTracing();
    await collector.close();
  });
  beforeEach(async () => {
    bus = makeBus();
    if (system === 'rabbitmq') {
      // As rabbitmq.bus.integration-spec: the research-agent queue, declared by a first publish
      // and purged of what earlier runs left; the handler also filters by a marker.
      await bus.publish(MessagePatterns.ResearchQuery, { warmUp: true });
      const connection = await connect(testAmqpUrl());
      const channel = await connection.createChannel();
      for (const queue of Object.values(queueTopology('research-agent'))) await channel.purgeQueue(queue);
      await connection.close();
    }
  });
  afterEach(() => bus.close());

  it('makes the handler a child of the publisher, on the first delivery and on a retry', async () => {
    const marker = randomUUID();
    const handled: Array<{ attempt: number; traceId: string | undefined }> = [];
    await bus.consume(
      'research-agent',
      new Map([
        [
          MessagePatterns.ResearchQuery,
          async (message: BusMessage) => {
            if ((message.payload as { marker?: string }).marker !== marker) return;
            handled.push({ attempt: message.attempt, traceId: activeTraceIds()?.traceId });
            if (message.attempt === 1) throw new Error('first delivery fails');
          },
        ],
      ]),
    );
    let origin = { traceId: '', spanId: '' };
    await withSpan('gateway', 'origin', {}, async () => {
      origin = activeTraceIds()!;
      await bus.publish(MessagePatterns.ResearchQuery, { marker });
    });
    await eventually(() => expect(handled).toHaveLength(2), {
      description: 'the failed delivery and its retry',
      timeoutMs: 10_000,
      intervalMs: 25,
    });
    expect(handled).toEqual([
      { attempt: 1, traceId: origin.traceId },
      { attempt: 2, traceId: origin.traceId },
    ]);

    await flushTracing();
    const spans = collector.spans.filter((span) => span.traceId === origin.traceId);
    const publish = spans.find((span) => span.name === `${MessagePatterns.ResearchQuery} publish`);
    expect(publish).toMatchObject({
      parentSpanId: origin.spanId,
      kind: 4,
      attributes: expect.objectContaining({
        'messaging.system': system,
        'messaging.destination.name': 'research-agent',
      }),
    });
    const deliveries = spans.filter((span) => span.name === `${MessagePatterns.ResearchQuery} process`);
    expect(
      deliveries.map((span) => [
        span.parentSpanId,
        span.kind,
        span.attributes['patchbay.message.attempt'],
        span.attributes['patchbay.service'],
        span.statusCode,
      ]),
    ).toEqual([
      [publish!.spanId, 5, 1, 'research-agent', 2],
      [publish!.spanId, 5, 2, 'research-agent', 0],
    ]);
  });
});
