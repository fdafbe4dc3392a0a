import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { INestApplication } from '@nestjs/common';
import type { CreateSandboxRequest } from '@patchbay/contracts';
import { SandboxClient } from '@patchbay/sandbox-client';
import { createSandboxApplication, loadSandboxConfig } from '@patchbay/sandbox-runtime';
import { DirectorySandbox } from './directory-sandbox';

export interface SandboxServiceFixture {
  client: SandboxClient;
  sandboxId: string;
  close(): Promise<void>;
}

/**
 * A real sandbox service on a local port with one sandbox made from a one-file repository, for
 * specs that drive the coder against gVisor. `settings` add to (or override) the service's
 * configuration; `sandbox` chooses the image and network.
 */
export async function startSandboxServiceFixture(
  name: string,
  settings: Record<string, string>,
  sandbox: Pick<CreateSandboxRequest, 'image' | 'network'>,
): Promise<SandboxServiceFixture> {
  const token = `${name}-${randomUUID()}`;
  const repository = new DirectorySandbox({ 'README.md': `# ${name}\n` });
  repository.diffTo({});
  const bare = `${repository.root}.git`;
  execFileSync('git', ['clone', '-q', '--bare', repository.root, bare]);
  const app: INestApplication = await createSandboxApplication(
    loadSandboxConfig({
      SANDBOX_TOKEN: token,
      SANDBOX_INSTANCE_ID: `${name}-${randomUUID().slice(0, 8)}`,
      SANDBOX_POOL_SIZE: '0',
      SANDBOX_EGRESS_PROXY_PORT: '0',
      SANDBOX_REPO_ROOTS: os.tmpdir(),
      ...settings,
    }),
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const client = new SandboxClient({
    baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
    token,
  });
  const { id: sandboxId } = await client.create({
    taskId: `${name}-spec`,
    ...sandbox,
    source: { kind: 'local-bare', path: bare },
  });
  return {
    client,
    sandboxId,
    close: async () => {
      await client.destroy(sandboxId).catch(() => undefined);
      await app.close();
      repository.remove();
      rmSync(bare, { recursive: true, force: true });
    },
  };
}
