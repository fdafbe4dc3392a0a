import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import type { SandboxInfo } from '@patchbay/contracts';
import { createSandboxApplication } from './sandbox-app.factory';
import { sandboxTestConfig, TEST_SANDBOX_TOKEN } from '../testing/sandbox-fixtures';

jest.setTimeout(120_000);

/** SANDBOX_MAX_ACTIVE against real gVisor containers: above the bound a create queues, then fails clearly. */
describe('sandbox slots (SANDBOX_MAX_ACTIVE=1)', () => {
  let app: INestApplication;
  let server: App;
  const auth = { Authorization: `Bearer ${TEST_SANDBOX_TOKEN}` };

  beforeAll(async () => {
    app = await createSandboxApplication(sandboxTestConfig({ SANDBOX_MAX_ACTIVE: '1', SANDBOX_SLOT_WAIT_MS: '3000' }), {
      logger: false,
    });
    await app.init();
    server = app.getHttpServer() as App;
  });

  afterAll(() => app.close());

  const create = () => request(server).post('/v1/sandboxes').set(auth).send({ taskId: 'slots' });
  const gauge = async (name: string): Promise<number> => {
    const line = (await request(server).get('/metrics')).text.split('\n').find((l) => l.startsWith(`${name} `));
    return Number(line?.split(' ')[1]);
  };

  it('queues a second create until the first sandbox is destroyed, then answers 503 once the wait runs out', async () => {
    const first = (await create().expect(201)).body as SandboxInfo;

    let secondDone = false;
    const second = create().then((response) => {
      secondDone = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(secondDone).toBe(false);
    expect(await gauge('patchbay_sandbox_slots_waiting')).toBe(1);

    await request(server).delete(`/v1/sandboxes/${first.id}`).set(auth).expect(204);
    const queued = await second;
    expect(queued.status).toBe(201);
    expect(await gauge('patchbay_sandbox_slots_active')).toBe(1);

    const refused = await create();
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/waited 3 s for one of 1 active sandbox .*slots, all busy/);
    expect(await gauge('patchbay_sandbox_slots_waiting')).toBe(0);

    await request(server)
      .delete(`/v1/sandboxes/${(queued.body as SandboxInfo).id}`)
      .set(auth)
      .expect(204);
    expect(await gauge('patchbay_sandbox_slots_active')).toBe(0);
  });
});
