import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { SandboxClient } from '@patchbay/sandbox-client';
import { createSandboxApplication } from '../lib/sandbox-app.factory';
import { sandboxTestConfig, TEST_SANDBOX_TOKEN } from './sandbox-fixtures';

export interface SandboxServiceFixture {
  app: INestApplication;
  client: SandboxClient;
  /** Creates a sandbox that close() destroys, whatever the test did with it. */
  sandbox(body: Parameters<SandboxClient['create']>[0]): Promise<string>;
  close(): Promise<void>;
}

/** The real sandbox service on an ephemeral loopback port, with a typed client pointed at it. */
export async function startSandboxService(overrides: Record<string, string> = {}): Promise<SandboxServiceFixture> {
  const app = await createSandboxApplication(sandboxTestConfig(overrides), { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const client = new SandboxClient({ baseUrl: `http://127.0.0.1:${port}`, token: TEST_SANDBOX_TOKEN });
  const created: string[] = [];
  return {
    app,
    client,
    async sandbox(body) {
      const info = await client.create(body);
      created.push(info.id);
      return info.id;
    },
    async close() {
      for (const id of created) await client.destroy(id).catch(() => undefined);
      await app.close();
    },
  };
}
