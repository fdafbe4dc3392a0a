import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { SandboxClient } from '@patchbay/sandbox-client';
import { eventually } from '@patchbay/testing';
import { ContainerManager } from './container-manager.service';
import { SANDBOX_LABELS } from './sandbox-labels';
import { createSandboxApplication } from './sandbox-app.factory';
import { SandboxMetrics } from './sandbox-metrics';
import { SandboxRegistry } from './sandbox-registry';
import { ReaperService } from './reaper.service';
import { WarmPoolService } from './warm-pool.service';
import { createBareRepo, NODE_PROJECT, sandboxTestConfig, TEST_SANDBOX_TOKEN } from '../testing/sandbox-fixtures';

jest.setTimeout(120_000);

async function start(overrides: Record<string, string>): Promise<{ app: INestApplication; client: SandboxClient }> {
  const app = await createSandboxApplication(sandboxTestConfig(overrides), { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, client: new SandboxClient({ baseUrl: `http://127.0.0.1:${port}`, token: TEST_SANDBOX_TOKEN }) };
}

async function sandboxContainerExists(containers: ContainerManager, sandboxId: string): Promise<boolean> {
  return (await containers.listManaged()).some((container) => container.labels[SANDBOX_LABELS.id] === sandboxId);
}

function containerRemoved(containers: ContainerManager, sandboxId: string, timeoutMs: number): Promise<void> {
  return eventually(
    async () => {
      if (await sandboxContainerExists(containers, sandboxId)) throw new Error('the container still exists');
    },
    { description: `sandbox ${sandboxId}'s container is removed`, timeoutMs, intervalMs: 200 },
  );
}

describe('reaper', () => {
  it('after a kill, adopts the running task sandboxes it left behind and removes the rest when the service comes back', async () => {
    const instance = `test-crash-${Date.now()}`;
    const repo = await createBareRepo(NODE_PROJECT);
    // One warm-pool container: a leftover that cannot be adopted (its labels say "pool").
    const first = await start({ SANDBOX_INSTANCE_ID: instance, SANDBOX_POOL_SIZE: '1', SANDBOX_POOL_IMAGES: 'base' });
    const containers = first.app.get(ContainerManager);
    const pooled = await eventually(
      async () => {
        const found = (await containers.listManaged()).find(
          (c) => c.labels[SANDBOX_LABELS.owner] === instance && c.labels[SANDBOX_LABELS.pooled] === 'true',
        );
        if (!found) throw new Error('no pool container yet');
        return found.containerId;
      },
      { description: 'the warm pool has its container', timeoutMs: 60_000, intervalMs: 250 },
    );
    const working = await first.client.create({
      taskId: 'crashed-task',
      image: 'node',
      source: { kind: 'local-bare', path: repo.path },
    });
    await first.client.writeFile(working.id, 'sum.js', 'exports.sum = (a, b) => b + a;\n');
    await first.client.snapshot(working.id, { label: 'before the crash' });
    // A killed process runs no shutdown hooks: stop answering HTTP and forget it, like SIGKILL would.
    await new Promise<void>((resolve) => first.app.getHttpServer().close(() => resolve()));
    for (const record of first.app.get(SandboxRegistry).all()) if (record.expiryTimer) clearTimeout(record.expiryTimer);
    first.app.get(ReaperService).onApplicationShutdown();
    first.app.get(SandboxRegistry).remove(working.id);

    const second = await start({ SANDBOX_INSTANCE_ID: instance });
    try {
      // The pool container is reaped as before.
      expect((await containers.listManaged()).some((c) => c.containerId === pooled)).toBe(false);
      const kills = await second.app
        .get(SandboxMetrics)
        .registry.getSingleMetricAsString('patchbay_sandbox_kills_total');
      expect(kills).toContain('reason="reaped"} 1');
      // The running one is back under the same id, with its workspace, base commit and snapshot.
      const adopted = await second.client.get(working.id);
      expect(adopted).toMatchObject({ id: working.id, taskId: 'crashed-task', image: 'node', state: 'running' });
      expect(adopted.baseCommit).toBe(working.baseCommit);
      const diff = await second.client.diff(working.id);
      expect(diff.baseCommit).toBe(repo.commit);
      expect(diff.files.map((file) => file.path)).toEqual(['sum.js']);
      const run = await second.client.exec(working.id, {
        command: 'node -e "console.log(require(\'./sum\').sum(2, 3))"',
      });
      expect(run.stdout.trim()).toBe('5');

      // The end of a task removes every sandbox of it, a second one its repeated create left included.
      const extra = await second.client.create({ taskId: 'crashed-task' });
      expect(await second.client.destroyForTask('crashed-task')).toBe(2);
      expect(await sandboxContainerExists(containers, working.id)).toBe(false);
      expect(await sandboxContainerExists(containers, extra.id)).toBe(false);
    } finally {
      await second.app.close();
      await first.app.close();
      await repo.cleanup();
    }
  });

  it("removes another instance's expired container on its periodic pass", async () => {
    // No hold allowance: the expires-at label is the sandbox's own one-second lifetime.
    const other = await start({ SANDBOX_MAX_HOLD_MS: '0' });
    const expiring = await other.client.create({ taskId: 'short-lived', limits: { sandboxTimeoutMs: 1_000 } });
    // Simulate that service dying: its own lifetime timer and reaper must not be what removes it.
    await new Promise<void>((resolve) => other.app.getHttpServer().close(() => resolve()));
    for (const record of other.app.get(SandboxRegistry).all()) if (record.expiryTimer) clearTimeout(record.expiryTimer);
    other.app.get(ReaperService).onApplicationShutdown();
    other.app.get(SandboxRegistry).remove(expiring.id);
    const reaperHost = await start({ SANDBOX_REAPER_INTERVAL_MS: '500' });
    try {
      const containers = reaperHost.app.get(ContainerManager);
      await containerRemoved(containers, expiring.id, 15_000);
    } finally {
      await reaperHost.app.close();
      await other.app.close();
    }
  });
});

describe('sandbox expiry', () => {
  it('removes a sandbox whose expiry was shortened once it passes, e.g. while its task waits for a human', async () => {
    const { app, client } = await start({});
    try {
      const held = await client.create({ taskId: 'held-task' });
      const moved = await client.setExpiry(held.id, { ttlMs: 1_000 });
      expect(Date.parse(moved.expiresAt) - Date.now()).toBeLessThanOrEqual(1_000);
      const containers = app.get(ContainerManager);
      await containerRemoved(containers, held.id, 10_000);
      expect(await client.get(held.id)).toMatchObject({ state: 'dead', killReason: 'sandbox_timeout' });
      await expect(client.setExpiry(held.id, {})).rejects.toMatchObject({ statusCode: 409 });
    } finally {
      await app.close();
    }
  });

  it('lets a renewal keep a sandbox past its own lifetime, never past its hard deadline', async () => {
    const { app, client } = await start({ SANDBOX_MAX_HOLD_MS: '3000' });
    try {
      const sandbox = await client.create({ taskId: 'renewed-task', limits: { sandboxTimeoutMs: 2_000 } });
      const renewed = await client.setExpiry(sandbox.id, { ttlMs: 60_000 });
      // Capped: created + own lifetime (2 s) + the hold allowance (3 s).
      expect(Date.parse(renewed.expiresAt) - Date.parse(sandbox.createdAt)).toBeLessThanOrEqual(5_000);
      // A fixed wait on purpose: it is the behaviour under test, living past the sandbox's own 2 s lifetime.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect((await client.exec(sandbox.id, { command: 'echo still here' })).stdout).toBe('still here\n');
      const containers = app.get(ContainerManager);
      const label = (await containers.listManaged()).find(
        (container) => container.labels[SANDBOX_LABELS.id] === sandbox.id,
      )?.labels[SANDBOX_LABELS.expiresAt];
      expect(label).toBe(renewed.expiresAt);
      await containerRemoved(containers, sandbox.id, 10_000);
    } finally {
      await app.close();
    }
  });
});

describe('warm pool', () => {
  it('serves creates from pre-started sandboxes, clones into them, and refills', async () => {
    const { app, client } = await start({ SANDBOX_POOL_SIZE: '2', SANDBOX_POOL_IMAGES: 'node' });
    const repo = await createBareRepo(NODE_PROJECT);
    try {
      const pool = app.get(WarmPoolService);
      expect(await pool.waitUntilFull(30_000)).toBe(true);

      const started = performance.now();
      const empty = await client.create({ taskId: 'warm-empty', image: 'node' });
      const echo = await client.exec(empty.id, { command: 'echo warm' });
      const elapsedMs = performance.now() - started;
      expect(empty.fromWarmPool).toBe(true);
      expect(echo.stdout).toBe('warm\n');
      // Generous bound for a noisy 2-core CI machine; the benchmark reports the real distribution.
      expect(elapsedMs).toBeLessThan(2_000);

      const cloned = await client.create({
        taskId: 'warm-clone',
        image: 'node',
        source: { kind: 'local-bare', path: repo.path },
      });
      expect(cloned.fromWarmPool).toBe(true);
      expect(cloned.baseCommit).toBe(repo.commit);
      expect((await client.exec(cloned.id, { command: 'npm test' })).exitCode).toBe(0);

      const custom = await client.create({ taskId: 'warm-custom', image: 'node', limits: { memoryMb: 512 } });
      expect(custom.fromWarmPool).toBe(false);

      expect(await pool.waitUntilFull(30_000)).toBe(true);
      const hits = await app.get(SandboxMetrics).registry.getSingleMetricAsString('patchbay_sandbox_pool_hits_total');
      expect(hits).toContain('image="node"} 2');
    } finally {
      await app.close();
      await repo.cleanup();
    }
  });
});
