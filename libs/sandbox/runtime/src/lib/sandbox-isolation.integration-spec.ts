import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SandboxApiError, SandboxClient } from '@patchbay/sandbox-client';
import { ContainerManager } from './container-manager.service';
import { startSandboxService, type SandboxServiceFixture } from '../testing/sandbox-service-fixture';

jest.setTimeout(120_000);

describe('sandbox isolation (real gVisor containers, through the typed client)', () => {
  let service: SandboxServiceFixture;
  let app: INestApplication;
  let client: SandboxClient;

  beforeAll(async () => {
    service = await startSandboxService();
    ({ app, client } = service);
  });

  afterAll(() => service.close());

  const sandbox = (body: Parameters<SandboxClient['create']>[0]): Promise<string> => service.sandbox(body);

  it('cannot read host files, the host shadow file or the Docker socket', async () => {
    const secretPath = join(tmpdir(), `patchbay-host-secret-${randomUUID()}`);
    const secret = `host-secret-${randomUUID()}`;
    await writeFile(secretPath, secret);
    try {
      const id = await sandbox({ taskId: 'isolation-files' });
      const result = await client.exec(id, {
        command: [
          `cat ${secretPath} 2>&1`,
          'cat /etc/shadow 2>&1',
          // `ls` cannot be used here: this gVisor build answers coreutils' statx with EINVAL.
          'for s in /var/run/docker.sock /run/docker.sock; do [ -e "$s" ] && echo "present $s" || echo "absent $s"; done',
          'find / -xdev -name "docker.sock" 2>/dev/null | head -n 3',
          'grep -c patchbay-host-secret /proc/mounts',
          // /proc is left out: this very command line (holding the secret) lives there.
          `grep -rlsF ${secret} /tmp /workspace /home /mnt /media /srv /opt /var /root 2>/dev/null | head -n 3`,
        ].join('; echo ---; '),
      });
      const [hostFile, shadow, socket, socketSearch, mounts, secretSearch] = result.stdout.split('---\n');
      expect(hostFile).toContain('No such file or directory');
      expect(shadow).toContain('Permission denied');
      const hostShadow = readFileSync('/etc/shadow', 'utf8');
      expect(result.stdout).not.toContain(hostShadow.split('\n')[0]);
      expect(socket).toBe('absent /var/run/docker.sock\nabsent /run/docker.sock\n');
      expect(socketSearch.trim()).toBe('');
      expect(mounts.trim()).toBe('0');
      expect(secretSearch.trim()).toBe('');
      expect(result.stdout).not.toContain(secret);

      const inspect = await app
        .get(ContainerManager)
        .docker.getContainer(await containerIdOf(id))
        .inspect();
      expect(inspect.HostConfig.Runtime).toBe('runsc');
      expect(inspect.HostConfig.Binds ?? []).toEqual([]);
      expect(inspect.Mounts.filter((mount) => mount.Type === 'bind')).toEqual([]);
      expect(inspect.HostConfig.CapDrop).toEqual(['ALL']);
      expect(inspect.HostConfig.SecurityOpt).toContain('no-new-privileges');
      expect(inspect.HostConfig.ReadonlyRootfs).toBe(true);
      expect(inspect.HostConfig.NetworkMode).toBe('none');
    } finally {
      await rm(secretPath, { force: true });
    }
  });

  it('has no egress in the default mode, not even to a server on the host loopback', async () => {
    let hits = 0;
    const server: Server = createServer((_req, res) => {
      hits++;
      res.end('reached');
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const id = await sandbox({ taskId: 'isolation-net' });
      const result = await client.exec(id, {
        command: [
          `curl -sS -m 3 http://127.0.0.1:${port}/ 2>&1`,
          `curl -sS -m 3 http://172.17.0.1:${port}/ 2>&1`,
          'curl -sS -m 3 https://registry.npmjs.org/ 2>&1',
          'curl -sS -m 3 http://1.1.1.1/ 2>&1',
          "awk 'NR > 2 { print $1 }' /proc/net/dev",
        ].join('; echo ---; '),
      });
      const parts = result.stdout.split('---\n');
      expect(parts[0]).toMatch(/Failed to connect|Couldn't connect/);
      expect(parts[1]).toMatch(/Failed to connect|Couldn't connect|Network is unreachable|timed out/);
      expect(parts[2]).toMatch(/Could not resolve host|Failed to connect|timed out/);
      expect(parts[3]).toMatch(/Failed to connect|Network is unreachable|timed out/);
      expect(parts[4].trim()).toBe('lo:');
      expect(result.stdout).not.toContain('reached');
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });

  it('stops a fork bomb at the pids limit without hurting the service or other sandboxes', async () => {
    const bystander = await sandbox({ taskId: 'isolation-bystander' });
    const id = await sandbox({ taskId: 'isolation-forkbomb', limits: { pids: 64 } });
    const bomb = await client.exec(id, { command: 'bomb() { bomb | bomb & }; bomb; sleep 5', timeoutMs: 6_000 });
    expect(bomb.stderr).toContain('Resource temporarily unavailable');
    expect(bomb.durationMs).toBeLessThan(20_000);

    const response = await fetch(`${clientBase()}/healthz`);
    expect(response.status).toBe(200);
    const started = Date.now();
    const other = await client.exec(bystander, { command: 'echo still fine' });
    expect(other.stdout).toBe('still fine\n');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('OOM-kills a memory bomb and reports it', async () => {
    const id = await sandbox({ taskId: 'isolation-oom', limits: { memoryMb: 256 } });
    const result = await client.exec(id, {
      command: 'head -c 2000m /dev/zero | tail > /dev/null; echo survived',
      timeoutMs: 60_000,
    });
    expect(result.oomKilled).toBe(true);
    expect(result.sandboxState).toBe('dead');
    expect(result.stdout).not.toContain('survived');
    const info = await client.get(id);
    expect(info).toMatchObject({ state: 'dead', killReason: 'oom' });
    await expect(client.exec(id, { command: 'true' })).rejects.toMatchObject({
      statusCode: 409,
      message: `sandbox "${id}" is no longer running (oom)`,
    } satisfies Partial<SandboxApiError>);
    const health = await fetch(`${clientBase()}/healthz`);
    expect(health.status).toBe(200);
  });

  function clientBase(): string {
    const { port } = app.getHttpServer().address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async function containerIdOf(sandboxId: string): Promise<string> {
    const containers = await app.get(ContainerManager).listManaged();
    const match = containers.find((container) => container.labels['org.patchbay.sandbox.id'] === sandboxId);
    if (!match) throw new Error(`no container for ${sandboxId}`);
    return match.containerId;
  }
});
