import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { SandboxApiError, SandboxClient } from '@patchbay/sandbox-client';
import { ContainerManager } from './container-manager.service';
import { startSandboxService, type SandboxServiceFixture } from '../testing/sandbox-service-fixture';

jest.setTimeout(120_000);

/** Every process in the sandbox with its arguments. */
const LIST_PROCESSES = 'ps -eo pid=,args=';

/**
 * Regression specs for the sandbox findings of the attack run (issue 14, items 4 and 5): what an
 * exec's limits do to the processes it started, and what its result says about it.
 */
describe('sandbox exec limits (real gVisor containers)', () => {
  let service: SandboxServiceFixture;
  let app: INestApplication;
  let client: SandboxClient;

  beforeAll(async () => {
    service = await startSandboxService({ SANDBOX_MAX_PIDS: '1024' });
    ({ app, client } = service);
  });

  afterAll(() => service.close());

  const sandbox = (body: Parameters<SandboxClient['create']>[0]): Promise<string> => service.sandbox(body);

  it('kills every process a timed-out command started, daemons included, and says how many', async () => {
    const id = await sandbox({ taskId: 'limits-daemons' });
    // An earlier command's own background server is not the timed-out command's business.
    await client.exec(id, { command: 'setsid sleep 4242 > /dev/null 2>&1 < /dev/null & sleep 0.2' });

    const result = await client.exec(id, {
      command: [
        // Detached from the command's output too, so nothing but the kill can end them.
        'setsid sh -c "sleep 1001 < /dev/null > /dev/null 2>&1 &"',
        'nohup sleep 1002 < /dev/null > /dev/null 2>&1 &',
        '(sleep 1003 < /dev/null > /dev/null 2>&1 &)',
        'setsid env -i sleep 1004 < /dev/null > /dev/null 2>&1 &',
        'sleep 1005',
      ].join('\n'),
      timeoutMs: 3_000,
    });
    expect(result).toMatchObject({ timedOut: true, exitCode: null, sandboxState: 'running' });
    expect(result.killedProcesses).toBeGreaterThanOrEqual(5);

    const left = await client.exec(id, { command: LIST_PROCESSES });
    expect(left.stdout).not.toMatch(/sleep 100[1-5]/);
    expect(left.stdout).toContain('sleep 4242');
    const after = await client.exec(id, { command: 'echo the sandbox still works' });
    expect(after.stdout).toBe('the sandbox still works\n');
  });

  it("reports the OOM kill on the memory bomb's own exec, not on the next one", async () => {
    // One 400 MB string in a 512 MB sandbox: the exec answers (runsc: 128) a moment before the
    // engine reports the container stopped, a race the old code lost most of the time. Three
    // bombs at once, so the race is run more than once and the host is as busy as in the attack.
    const ids = await Promise.all(
      [1, 2, 3].map((n) => sandbox({ taskId: `limits-oom-${n}`, limits: { memoryMb: 512 } })),
    );
    const bombs = await Promise.all(
      ids.map((id) =>
        client.exec(id, {
          command: 'perl -e \'my $s = "x" x 400_000_000; sleep 100\'; echo survived',
          timeoutMs: 60_000,
        }),
      ),
    );
    for (const [index, bomb] of bombs.entries()) {
      expect(bomb).toMatchObject({ oomKilled: true, timedOut: false });
      expect(bomb.stdout).not.toContain('survived');
      const id = ids[index] ?? '';
      if (bomb.sandboxState === 'dead') {
        expect(await client.get(id)).toMatchObject({ state: 'dead', killReason: 'oom' });
        await expect(client.exec(id, { command: 'true' })).rejects.toMatchObject({
          statusCode: 409,
        } satisfies Partial<SandboxApiError>);
      } else {
        // gVisor may lose only the process: the sandbox lives on and the next command is clean.
        expect((await client.exec(id, { command: 'true' })).oomKilled).toBe(false);
      }
    }
  });

  it('reports a fork bomb that ran into the process limit', async () => {
    const id = await sandbox({ taskId: 'limits-forkbomb', limits: { pids: 64 } });
    const bomb = await client.exec(id, { command: 'bomb() { bomb | bomb & }; bomb; sleep 5', timeoutMs: 6_000 });
    expect(bomb.pidsLimitReached).toBe(true);
    expect(bomb.stderr).toContain('Resource temporarily unavailable');
    // The bomb's processes are gone; the sandbox is usable again.
    const after = await client.exec(id, { command: 'echo room again' });
    expect(after).toMatchObject({ stdout: 'room again\n', pidsLimitReached: false, oomKilled: false });
  });

  it('refuses limits above what the host has, naming the limit', async () => {
    const host = await app.get(ContainerManager).hostCapacity();
    const refused = (limits: Record<string, number>) =>
      client.create({ taskId: 'limits-host', limits }).then(
        () => null,
        (error: unknown) =>
          error instanceof SandboxApiError
            ? { status: error.statusCode, message: error.message }
            : { status: 0, message: String(error) },
      );
    expect(await refused({ memoryMb: host.memoryMb + 1024 })).toEqual({
      status: 400,
      message: `limits.memoryMb: ${host.memoryMb + 1024} is more than the host's ${host.memoryMb} MB of memory`,
    });
    expect(await refused({ cpus: host.cpus + 1 })).toEqual({
      status: 400,
      message: `limits.cpus: ${host.cpus + 1} is more than the host's ${host.cpus} CPUs`,
    });
    expect(await refused({ pids: 2048 })).toEqual({
      status: 400,
      message: 'limits.pids: 2048 is more than the maximum of 1024 (SANDBOX_MAX_PIDS)',
    });
    const within = await sandbox({ taskId: 'limits-host-ok', limits: { cpus: host.cpus, memoryMb: 512, pids: 1024 } });
    expect((await client.get(within)).limits).toMatchObject({ cpus: host.cpus, memoryMb: 512, pids: 1024 });
  });
});
