import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxClient } from '@patchbay/sandbox-client';
import { createSandboxApplication } from './sandbox-app.factory';
import { createBareRepo, sandboxTestConfig, TEST_SANDBOX_TOKEN, type BareRepoFixture } from '../testing/sandbox-fixtures';

jest.setTimeout(180_000);

const PROJECT_WITH_DEPENDENCY = {
  'package.json': JSON.stringify({ name: 'fixture-deps', version: '1.0.0', dependencies: { 'is-number': '7.0.0' } }, null, 2),
  'check.js': "console.log(require('is-number')(5) ? 'dependency works' : 'broken');\n",
};

describe('registries egress mode (real gVisor containers behind the filtering proxy)', () => {
  let app: INestApplication;
  let client: SandboxClient;
  let hostServer: Server;
  let hostPort: number;
  let hostHits = 0;
  let repo: BareRepoFixture;
  const created: string[] = [];

  beforeAll(async () => {
    app = await createSandboxApplication(sandboxTestConfig(), { logger: false });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    client = new SandboxClient({ baseUrl: `http://127.0.0.1:${port}`, token: TEST_SANDBOX_TOKEN });
    hostServer = createServer((_req, res) => {
      hostHits++;
      res.end('reached the host');
    });
    await new Promise<void>((resolve) => hostServer.listen(0, '0.0.0.0', resolve));
    hostPort = (hostServer.address() as AddressInfo).port;
    repo = await createBareRepo(PROJECT_WITH_DEPENDENCY);
  });

  afterAll(async () => {
    for (const id of created) await client.destroy(id).catch(() => undefined);
    await app.close();
    hostServer.close();
    await repo.cleanup();
  });

  async function sandbox(body: Parameters<SandboxClient['create']>[0]): Promise<string> {
    const info = await client.create(body);
    created.push(info.id);
    return info.id;
  }

  it('reaches the npm registry, is refused any other host, and records the refusal', async () => {
    const id = await sandbox({ taskId: 'egress-registries', image: 'node', network: 'registries' });
    const registry = await client.exec(id, { command: 'curl -sS -m 20 -o /dev/null -w "%{http_code}" https://registry.npmjs.org/is-number' });
    expect(registry.stdout).toBe('200');

    const other = 'curl -sS -m 10 https://example.com/ 2>&1';
    const refused = await client.exec(id, { command: other });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stdout).toMatch(/403|CONNECT tunnel failed/);

    const plainHttp = await client.exec(id, { command: 'curl -sS -m 10 http://neverssl.com/' });
    expect(plainHttp.stdout).toContain('egress policy refused neverssl.com');

    const blocked = await client.blockedEgress(id);
    expect(blocked.attempts).toEqual([
      { host: 'example.com', port: 443, at: expect.any(String), commands: [other] },
      { host: 'neverssl.com', port: 80, at: expect.any(String), commands: ['curl -sS -m 10 http://neverssl.com/'] },
    ]);
  });

  it('cannot go around the proxy: no route out, no host services, no host loopback', async () => {
    const id = await sandbox({ taskId: 'egress-bypass', image: 'node', network: 'registries' });
    const result = await client.exec(id, {
      command: `gw=$(echo "$HTTPS_PROXY" | sed -E 's#http://([^:]+):.*#\\1#'); ${[
        `curl -sS -m 3 --noproxy '*' http://$gw:${hostPort}/ 2>&1`,
        `curl -sS -m 3 --noproxy '*' http://172.17.0.1:${hostPort}/ 2>&1`,
        `curl -sS -m 3 --noproxy '*' http://127.0.0.1:${hostPort}/ 2>&1`,
        "curl -sS -m 3 --noproxy '*' https://registry.npmjs.org/ 2>&1",
        `curl -sS -m 5 http://127.0.0.1:${hostPort}/ 2>&1`,
      ].join('; echo; echo ---; ')}`,
    });
    expect(result.stdout).not.toContain('reached the host');
    expect(hostHits).toBe(0);
    const parts = result.stdout.split('---\n');
    expect(parts).toHaveLength(5);
    for (const part of parts.slice(0, 4)) expect(part).toMatch(/timed out|Failed to connect|Could not resolve|Couldn't connect|unreachable/);
    expect(parts[4]).toContain('egress policy refused 127.0.0.1');
  });

  it('clones a git URL inside the sandbox through the proxy, then cuts the git host off', async () => {
    const { execFile } = await import('node:child_process');
    const { readFile } = await import('node:fs/promises');
    const { join, normalize } = await import('node:path');
    await new Promise<void>((resolve, reject) => execFile('git', ['-C', repo.path, 'update-server-info'], (error) => (error ? reject(error) : resolve())));
    // git's "dumb" HTTP protocol: static files of the bare repository.
    const gitServer = createServer((req, res) => {
      const relative = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
      readFile(join(repo.path, relative.replace(/^\/repo\.git/, ''))).then(
        (content) => res.end(content),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => gitServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(gitServer.address() as AddressInfo).port}/repo.git`;
    try {
      const info = await client.create({ taskId: 'clone-url', image: 'node', source: { kind: 'git-url', url } });
      created.push(info.id);
      expect(info.baseCommit).toBe(repo.commit);
      expect((await client.readFile(info.id, 'check.js')).content).toContain('is-number');
      const after = await client.exec(info.id, { command: `curl -sS -m 5 ${url}/HEAD` });
      expect(after.stdout).toContain('egress policy refused 127.0.0.1');
    } finally {
      gitServer.close();
    }
  });

  it('installs dependencies in registries mode and classifies the failure when the network is off', async () => {
    const online = await sandbox({ taskId: 'deps-online', image: 'node', network: 'registries', source: { kind: 'local-bare', path: repo.path } });
    const installed = await client.installDependencies(online, { timeoutMs: 120_000 });
    expect(installed.failure).toBeNull();
    expect(installed.ok).toBe(true);
    expect(installed.steps.map((step) => step.command)).toEqual(['npm install --no-audit --no-fund']);
    expect((await client.exec(online, { command: 'node check.js' })).stdout).toBe('dependency works\n');

    const offline = await sandbox({ taskId: 'deps-offline', image: 'node', source: { kind: 'local-bare', path: repo.path } });
    const failed = await client.installDependencies(offline, { timeoutMs: 120_000 });
    expect(failed.ok).toBe(false);
    expect(failed.failure?.category).toBe('network_blocked');
    expect(failed.failure?.outputTail).toMatch(/npm ERR!/);
  });
});
