import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { AgentServiceModule } from '@patchbay/agent-runtime';
import { BusServer, queueTopology, RabbitMqBus } from '@patchbay/bus';
import {
  createGitRepository,
  readTaskEvents,
  startGatewayTestApp,
  testAmqpUrl,
  uniqueName,
  waitForEvent,
  type GatewayTestApp,
} from '@patchbay/testing';
import { connect } from 'amqplib';
import { TaskModels } from '@patchbay/pipeline-services';
import { loadModelConfig } from '@patchbay/model';
import { PersistenceModule } from '@patchbay/persistence';
import { SandboxClient } from '@patchbay/sandbox-client';
import { testDatabaseUrl } from '@patchbay/testing';
import { SupervisorModule } from './supervisor.module';

/**
 * Distributed mode on the real broker: the gateway and the supervisor as separate Nest
 * applications, each with its own RabbitMQ connection, as they would run in separate processes.
 */
describe('start command over RabbitMQ (real broker, real Postgres)', () => {
  let gw: GatewayTestApp;
  let supervisor: INestApplication | undefined;
  let token: string;

  beforeAll(async () => {
    const connection = await connect(testAmqpUrl());
    const channel = await connection.createChannel();
    for (const service of ['supervisor', 'gateway'] as const) {
      for (const queue of Object.values(queueTopology(service))) await channel.deleteQueue(queue);
    }
    await connection.close();
    gw = await startGatewayTestApp({ bus: new RabbitMqBus(testAmqpUrl(), { maxAttempts: 3, initialDelayMs: 50 }) });
    token = (await gw.login(uniqueName('admin'), uniqueName('org'))).token;
    await gw.http
      .post('/api/v1/repositories')
      .set('authorization', `Bearer ${token}`)
      .send({ source: 'local', fullName: 'acme/dist', importFrom: createGitRepository() })
      .expect(201);
  });

  afterAll(async () => {
    await supervisor?.close();
    await gw.close();
  });

  it('puts the start command on the supervisor’s durable queue, where the supervisor picks it up', async () => {
    const created = await gw.http
      .post('/api/v1/tasks')
      .set('authorization', `Bearer ${token}`)
      .send({ repository: 'acme/dist', prompt: 'hello' })
      .expect(201);
    const taskId = created.body.id as string;

    // No supervisor is running yet: the command waits in its queue, persistent.
    const connection = await connect(testAmqpUrl());
    const channel = await connection.createChannel();
    const waiting = await channel.checkQueue(queueTopology('supervisor').queue);
    await connection.close();
    expect(waiting.messageCount).toBe(1);

    const bus = new RabbitMqBus(testAmqpUrl());
    // No sandbox service here: the task gets as far as the supervisor taking it up, which is what this test is about.
    const features = [
      PersistenceModule.forRoot({ databaseUrl: () => testDatabaseUrl(), applicationName: 'test-supervisor' }),
      SupervisorModule.forRoot({
        databaseUrl: testDatabaseUrl(),
        sandbox: new SandboxClient({
          baseUrl: 'http://127.0.0.1:9',
          token: 'x'.repeat(16),
          requestTimeoutMs: 1_000,
          restartPatienceMs: 0,
        }),
        models: new TaskModels(loadModelConfig({})),
        maxRounds: 3,
        sandboxPausedTtlMs: 60_000,
        timeouts: { codingMs: 5_000, validationMs: 5_000, publishMs: 5_000 },
        // Off: the test database holds other spec files' queued tasks, which are not this test's.
        strandedSweep: { intervalMs: 0, queuedForMs: 0 },
      }),
    ];
    supervisor = await NestFactory.create(AgentServiceModule.forRoot({ bus, features }), {
      logger: ['error'],
      abortOnError: false,
    });
    supervisor.connectMicroservice<MicroserviceOptions>({ strategy: new BusServer(bus, ['supervisor']) });
    await supervisor.startAllMicroservices();
    await supervisor.init();

    const auth = { authorization: `Bearer ${token}` };
    await waitForEvent(gw, auth, taskId, {
      type: 'status_changed',
      where: (e) => e.agent === 'supervisor',
      timeoutMs: 10_000,
    });
    const events = await readTaskEvents(gw, auth, taskId);
    expect(events[0]).toMatchObject({ seq: 1, agent: 'gateway', type: 'status_changed', payload: { to: 'queued' } });
    expect(events[1]).toMatchObject({
      seq: 2,
      agent: 'supervisor',
      type: 'status_changed',
      payload: { from: 'queued', to: 'analysing' },
    });

    // With no sandbox service to reach, the task then fails with a categorised error event.
    await waitForEvent(gw, auth, taskId, {
      type: 'status_changed',
      where: (e) => e.payload.to === 'failed',
      timeoutMs: 20_000,
    });
    expect((await readTaskEvents(gw, auth, taskId)).find((e) => e.type === 'error')).toMatchObject({
      agent: 'supervisor',
      payload: { category: 'transient', recoverable: true },
    });
  });
});
