import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { SandboxClient } from '@patchbay/sandbox-client';
import { ContainerManager } from './container-manager.service';
import { RunscDirectExec } from './runsc-direct-exec';
import { createSandboxApplication } from './sandbox-app.factory';
import { SANDBOX_LABELS } from './sandbox-labels';
import { sandboxTestConfig, TEST_SANDBOX_TOKEN } from '../testing/sandbox-fixtures';

jest.setTimeout(120_000);

/** What a command can observe about the process it runs in: identity, privileges, limits, env. */
const PROBE = [
  'id',
  'grep -E "^(CapInh|CapPrm|CapEff|CapBnd|CapAmb)" /proc/self/status',
  'ulimit -u',
  // HOSTNAME differs between two containers; that it is set is what must match.
  'echo "hostname set: ${HOSTNAME:+yes}"',
  'env | grep -v -E "^(PATCHBAY_|_=|SHLVL|PWD|OLDPWD|HOSTNAME)" | sort',
  'pwd',
].join('; ');

async function startSandboxService(driver: 'auto' | 'docker') {
  const app: INestApplication = await createSandboxApplication(
    sandboxTestConfig({ SANDBOX_EXEC_DRIVER: driver, SANDBOX_POOL_SIZE: '0' }),
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, client: new SandboxClient({ baseUrl: `http://127.0.0.1:${port}`, token: TEST_SANDBOX_TOKEN }) };
}

/**
 * Commands run through `runsc exec` directly must see exactly what the engine's `docker exec`
 * gives them — user, no capabilities, no-new-privileges, the pids rlimit, the environment.
 */
describe('direct runsc exec', () => {
  const direct = new RunscDirectExec(sandboxTestConfig());

  it('is used on this machine (root, runsc state visible), so the comparison below is meaningful', () => {
    expect(process.getuid?.()).toBe(0);
    expect((direct as unknown as { usable: boolean }).usable).toBe(true);
  });

  it('gives a command the same identity, privileges, limits and environment as docker exec', async () => {
    const outputs: Record<string, string> = {};
    for (const driver of ['auto', 'docker'] as const) {
      const { app, client } = await startSandboxService(driver);
      try {
        const sandbox = await client.create({
          taskId: `direct-exec-${driver}`,
          image: 'base',
          env: { APP_MODE: 'probe' },
        });
        const containers = app.get(ContainerManager);
        const containerId =
          (await containers.listManaged()).find((c) => c.labels[SANDBOX_LABELS.id] === sandbox.id)?.containerId ?? '';
        // A container gets an exec profile only when direct exec will be used for it.
        expect((containers as unknown as { execProfiles: Map<string, unknown> }).execProfiles.has(containerId)).toBe(
          driver === 'auto',
        );
        const result = await client.exec(sandbox.id, { command: PROBE, env: { EXTRA: '1' } });
        expect(result.exitCode).toBe(0);
        outputs[driver] = result.stdout;
        await client.destroy(sandbox.id);
      } finally {
        await app.close();
      }
    }
    expect(outputs['auto']).toContain('uid=1000');
    expect(outputs['auto']).toMatch(/\n512\n/);
    expect(outputs['auto']).toMatch(/CapEff:\s+0+\n/);
    expect(outputs['auto']).toContain('APP_MODE=probe');
    expect(outputs['auto']).toContain('EXTRA=1');
    expect(outputs['auto']).toBe(outputs['docker']);
  });
});
