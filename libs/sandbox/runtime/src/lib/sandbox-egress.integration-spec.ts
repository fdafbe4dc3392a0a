import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxApiError, SandboxClient } from '@patchbay/sandbox-client';
import { ContainerManager } from './container-manager.service';
import { DEFAULT_EGRESS_ALLOW_LIST } from './sandbox-config';
import { createSandboxApplication } from './sandbox-app.factory';
import { SANDBOX_LABELS } from './sandbox-labels';
import {
  createBareRepo,
  sandboxTestConfig,
  startHttpsGitServer,
  TEST_SANDBOX_TOKEN,
  type BareRepoFixture,
  type HttpsGitServer,
} from '../testing/sandbox-fixtures';

jest.setTimeout(180_000);

const PROJECT_WITH_DEPENDENCY = {
  'package.json': JSON.stringify(
    { name: 'fixture-deps', version: '1.0.0', dependencies: { 'is-number': '7.0.0' } },
    null,
    2,
  ),
  'check.js': "console.log(require('is-number')(5) ? 'dependency works' : 'broken');\n",
};

describe('registries egress mode (real gVisor containers behind the filtering proxy)', () => {
  let app: INestApplication;
  let client: SandboxClient;
  let hostServer: Server;
  let hostPort: number;
  let hostHits = 0;
  let repo: BareRepoFixture;
  let gitServer: HttpsGitServer;
  const created: string[] = [];

  beforeAll(async () => {
    repo = await createBareRepo(PROJECT_WITH_DEPENDENCY);
    // An in-house git server: a container on Docker's default bridge, i.e. a private address the
    // operator allows explicitly. `localhost` stands for an allowed name whose DNS points home.
    gitServer = await startHttpsGitServer(repo.path);
    app = await createSandboxApplication(
      sandboxTestConfig({
        SANDBOX_EGRESS_ALLOW: [...DEFAULT_EGRESS_ALLOW_LIST, 'localhost'].join(','),
        SANDBOX_GIT_HOSTS: `${gitServer.host}:${gitServer.port},localhost`,
        SANDBOX_EGRESS_PRIVATE_ALLOW: `${gitServer.host}/32`,
      }),
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    client = new SandboxClient({ baseUrl: `http://127.0.0.1:${port}`, token: TEST_SANDBOX_TOKEN });
    hostServer = createServer((_req, res) => {
      hostHits++;
      res.end('reached the host');
    });
    await new Promise<void>((resolve) => hostServer.listen(0, '0.0.0.0', resolve));
    hostPort = (hostServer.address() as AddressInfo).port;
  });

  afterAll(async () => {
    for (const id of created) await client.destroy(id).catch(() => undefined);
    await app.close();
    hostServer.close();
    await gitServer.stop();
    await repo.cleanup();
  });

  async function sandbox(body: Parameters<SandboxClient['create']>[0]): Promise<string> {
    const info = await client.create(body);
    created.push(info.id);
    return info.id;
  }

  it('reaches the npm registry, is refused any other host, and records the refusal', async () => {
    const id = await sandbox({ taskId: 'egress-registries', image: 'node', network: 'registries' });
    const registry = await client.exec(id, {
      command: 'curl -sS -m 20 -o /dev/null -w "%{http_code}" https://registry.npmjs.org/is-number',
    });
    expect(registry.stdout).toBe('200');

    const other = 'curl -sS -m 10 https://example.com/ 2>&1';
    const refused = await client.exec(id, { command: other });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stdout).toMatch(/403|CONNECT tunnel failed/);

    const plainHttp = await client.exec(id, { command: 'curl -sS -m 10 http://neverssl.com/' });
    expect(plainHttp.stdout).toContain('egress policy refused neverssl.com');

    const blocked = await client.blockedEgress(id);
    expect(blocked.attempts).toEqual([
      {
        host: 'example.com',
        port: 443,
        reason: 'not allowed for this sandbox',
        at: expect.any(String),
        commands: [other],
      },
      {
        host: 'neverssl.com',
        port: 80,
        reason: 'not allowed for this sandbox',
        at: expect.any(String),
        commands: ['curl -sS -m 10 http://neverssl.com/'],
      },
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
    for (const part of parts.slice(0, 4))
      expect(part).toMatch(/timed out|Failed to connect|Could not resolve|Couldn't connect|unreachable/);
    expect(parts[4]).toContain('egress policy refused 127.0.0.1');
  });

  it('clones an https git URL from an allowed git server through the proxy, then cuts the git host off', async () => {
    const url = `https://${gitServer.host}:${gitServer.port}/repo.git`;
    // The fixture's certificate is self-signed; trusting it is the test's business, not the policy's.
    const info = await client.create({
      taskId: 'clone-url',
      image: 'node',
      source: { kind: 'git-url', url },
      env: { GIT_SSL_NO_VERIFY: 'true' },
    });
    created.push(info.id);
    expect(info.baseCommit).toBe(repo.commit);
    expect((await client.readFile(info.id, 'check.js')).content).toContain('is-number');
    const after = await client.exec(info.id, { command: `curl -sSk -m 5 ${url}/HEAD 2>&1` });
    expect(after.stdout).toMatch(/403|CONNECT tunnel failed/);
    expect((await client.blockedEgress(info.id)).attempts).toEqual([
      expect.objectContaining({ host: gitServer.host, port: gitServer.port, reason: 'not allowed for this sandbox' }),
    ]);
  });

  it('refuses a git URL on the host loopback before any container is spent on it (issue 14)', async () => {
    const hitsBefore = hostHits;
    const refusal = async (url: string) =>
      client.create({ taskId: 'clone-loopback', image: 'node', source: { kind: 'git-url', url } }).then(
        (info) => {
          created.push(info.id);
          return null;
        },
        (error: unknown) => (error instanceof SandboxApiError ? `${error.statusCode} ${error.message}` : String(error)),
      );
    expect(await refusal(`https://127.0.0.1:${hostPort}/repo.git`)).toBe(
      '400 source.url: 127.0.0.1 is a loopback address; sandboxes may not reach it',
    );
    expect(await refusal(`https://localhost:443/repo.git`)).toMatch(
      /^400 source\.url: localhost resolves to (127\.0\.0\.1|::1), a loopback address; sandboxes may not reach it$/,
    );
    expect(await refusal(`http://127.0.0.1:${hostPort}/repo.git`)).toBe('400 source.url: url must be an https git URL');
    expect(await refusal('https://example.com/repo.git')).toMatch(
      /^400 source\.url: example\.com is not an allowed git host/,
    );
    const containers = await app.get(ContainerManager).listManaged();
    expect(containers.filter((container) => container.labels[SANDBOX_LABELS.taskId] === 'clone-loopback')).toEqual([]);
    expect(hostHits).toBe(hitsBefore);
  });

  it('refuses an allowed name whose address is the host loopback, after resolving it', async () => {
    const id = await sandbox({ taskId: 'egress-rebind', image: 'node', network: 'registries' });
    const result = await client.exec(id, { command: 'curl -sS -m 5 https://localhost/ 2>&1' });
    expect(result.stdout).toMatch(/403|CONNECT tunnel failed/);
    const blocked = await client.blockedEgress(id);
    expect(blocked.attempts).toEqual([
      {
        host: 'localhost',
        port: 443,
        reason: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address$/),
        at: expect.any(String),
        commands: ['curl -sS -m 5 https://localhost/ 2>&1'],
      },
    ]);
  });

  it('gives a `none` sandbox the proxy with only its allowed hosts, and reports a sandbox with no network as unmonitored', async () => {
    const target = `${gitServer.host}:${gitServer.port}`;
    const id = await sandbox({ taskId: 'egress-allowed-hosts', image: 'node', egressAllowHosts: [target] });
    const reached = await client.exec(id, { command: `curl -fsSk -m 10 https://${target}/repo.git/HEAD` });
    expect(reached.stdout).toMatch(/^ref: refs\/heads\//);
    // The registries are not part of it: the sandbox asked for mode `none`.
    const registry = 'curl -sS -m 10 -o /dev/null https://registry.npmjs.org/is-number 2>&1';
    expect((await client.exec(id, { command: registry })).stdout).toMatch(/403|CONNECT tunnel failed/);
    expect(await client.blockedEgress(id)).toEqual({
      sandboxId: id,
      monitored: true,
      attempts: [expect.objectContaining({ host: 'registry.npmjs.org', port: 443, commands: [registry] })],
      dropped: 0,
    });

    const offline = await sandbox({ taskId: 'egress-none', image: 'node' });
    const attempt = await client.exec(offline, { command: 'curl -sS -m 5 https://example.com/ 2>&1' });
    expect(attempt.stdout).toContain('Could not resolve host');
    expect(await client.blockedEgress(offline)).toEqual({
      sandboxId: offline,
      monitored: false,
      attempts: [],
      dropped: 0,
    });
  });

  it('installs dependencies in registries mode and classifies the failure when the network is off', async () => {
    const online = await sandbox({
      taskId: 'deps-online',
      image: 'node',
      network: 'registries',
      source: { kind: 'local-bare', path: repo.path },
    });
    const installed = await client.installDependencies(online, { timeoutMs: 120_000 });
    expect(installed.failure).toBeNull();
    expect(installed.ok).toBe(true);
    expect(installed.steps.map((step) => step.command)).toEqual(['npm install --no-audit --no-fund']);
    expect((await client.exec(online, { command: 'node check.js' })).stdout).toBe('dependency works\n');

    const offline = await sandbox({
      taskId: 'deps-offline',
      image: 'node',
      source: { kind: 'local-bare', path: repo.path },
    });
    const failed = await client.installDependencies(offline, { timeoutMs: 120_000 });
    expect(failed.ok).toBe(false);
    expect(failed.failure?.category).toBe('network_blocked');
    expect(failed.failure?.outputTail).toMatch(/npm ERR!/);
  });
});
