import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { McpServerRepository } from '@patchbay/persistence';
import { SandboxClient } from '@patchbay/sandbox-client';
import { createSandboxApplication, loadSandboxConfig } from '@patchbay/sandbox-runtime';
import { LocalKeyProvider, openMcpCredential } from '@patchbay/secrets';
import {
  asDatabaseOwner,
  startGatewayTestApp,
  startRemoteMcpTestServer,
  uniqueName,
  type GatewayTestApp,
  type RemoteMcpTestServer,
} from '@patchbay/testing';
import { openMcpServers, startMcpTools } from '@patchbay/workspace-tools';
import { mcpServersOfTask } from './mcp-servers';

jest.setTimeout(180_000);

/**
 * A remote MCP server registered through the gateway API is used by a task (ADR 0029): the
 * pipeline re-checks the organisation's allow-list and opens the sealed credential, the sandbox
 * service connects with it and the tool answers. Once its origin leaves the allow-list the server
 * is refused at use, with the reason, and never called.
 */
describe('remote MCP servers for a task', () => {
  const keyProvider = new LocalKeyProvider(randomBytes(32));
  const sandboxToken = `remote-mcp-${randomUUID()}`;
  const credential = `mcp-secret-${randomUUID()}`;
  let gw: GatewayTestApp;
  let admin: { token: string; organisationId: string };
  let remote: RemoteMcpTestServer;
  let sandboxApp: INestApplication;
  let sandbox: SandboxClient;
  let sandboxId: string;
  let bare: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    remote = await startRemoteMcpTestServer(credential);
    gw = await startGatewayTestApp({ keyProviders: [keyProvider] });
    admin = await gw.login(uniqueName('admin'), uniqueName('org'));
    const work = mkdtempSync(join(os.tmpdir(), 'remote-mcp-repo-'));
    execFileSync('git', ['init', '-q', work]);
    execFileSync('git', [
      '-C',
      work,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@e',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'init',
    ]);
    bare = `${work}.git`;
    execFileSync('git', ['clone', '-q', '--bare', work, bare]);
    rmSync(work, { recursive: true, force: true });
    sandboxApp = await createSandboxApplication(
      loadSandboxConfig({
        SANDBOX_TOKEN: sandboxToken,
        SANDBOX_INSTANCE_ID: `remote-mcp-${randomUUID().slice(0, 8)}`,
        SANDBOX_POOL_SIZE: '0',
        SANDBOX_EGRESS_PROXY_PORT: '0',
        SANDBOX_REPO_ROOTS: os.tmpdir(),
        // Test-only: the server is on loopback with a self-signed certificate.
        SANDBOX_MCP_REMOTE_ALLOW_LOOPBACK: 'true',
        SANDBOX_MCP_REMOTE_CA_FILE: remote.caFile,
      }),
      { logger: false },
    );
    await sandboxApp.listen(0, '127.0.0.1');
    sandbox = new SandboxClient({
      baseUrl: `http://127.0.0.1:${(sandboxApp.getHttpServer().address() as AddressInfo).port}`,
      token: sandboxToken,
    });
    sandboxId = (
      await sandbox.create({
        taskId: 'remote-mcp-spec',
        image: 'base',
        network: 'none',
        source: { kind: 'local-bare', path: bare },
      })
    ).id;
  });

  afterAll(async () => {
    if (sandboxId) await sandbox.destroy(sandboxId).catch(() => undefined);
    await sandboxApp?.close();
    await gw?.close();
    await remote?.close();
    if (bare) rmSync(bare, { recursive: true, force: true });
  });

  it('uses a registered remote server while its origin is allowed, and refuses it at use once it is not', async () => {
    await gw.http
      .put('/api/v1/mcp-servers/remote-allow-list')
      .set(as(admin.token))
      .send({ origins: [remote.origin] })
      .expect(200);
    await gw.http
      .post('/api/v1/mcp-servers')
      .set(as(admin.token))
      .send({ transport: 'http', name: 'tickets', url: remote.url, credential, readOnlyTools: ['lookup'] })
      .expect(201);
    const brief = { organisationId: admin.organisationId, repositoryId: await someRepositoryId(admin.organisationId) };
    const deps = { mcpServers: gw.app.get(McpServerRepository), mcpKeyProviders: [keyProvider] };

    const allowed = await mcpServersOfTask(deps, brief);
    expect(allowed.refused).toEqual([]);
    // The credential stays sealed in what the pipeline hands on (the coding request crosses the bus).
    expect(allowed.mcpServers).toEqual([
      {
        name: 'tickets',
        url: remote.url,
        sealedCredential: expect.objectContaining({ organisationId: admin.organisationId, keyProvider: 'local' }),
        readOnlyTools: ['lookup'],
      },
    ]);
    expect(JSON.stringify(allowed.mcpServers)).not.toContain(credential);
    const opened = await openMcpServers(allowed.mcpServers, (sealed) => openMcpCredential([keyProvider], sealed));
    expect(opened.launches).toEqual([{ name: 'tickets', url: remote.url, credential, readOnlyTools: ['lookup'] }]);
    // The planner's read-only set: `lookup` is declared read-only (and annotated so by the server).
    const offered = await startMcpTools(sandbox, sandboxId, opened.launches, {
      readOnlyOnly: true,
      onCall: async () => undefined,
    });
    expect(offered.unavailable).toEqual([]);
    const lookup = offered.tools.find((tool) => tool.name === 'mcp__tickets__lookup');
    expect(await lookup?.run({ id: '9' })).toBe('Ticket 9: the build is red');
    expect(remote.calls()).toBe(1);

    // The allow-list shrinks: the next round does not get the server, and says why.
    await gw.http.put('/api/v1/mcp-servers/remote-allow-list').set(as(admin.token)).send({ origins: [] }).expect(200);
    const refused = await mcpServersOfTask(deps, brief);
    expect(refused.mcpServers).toEqual([]);
    expect(refused.refused).toEqual([
      {
        server: 'tickets',
        reason: `its origin ${remote.origin} is not on the organisation's allow-list for remote MCP servers`,
      },
    ]);
    expect(remote.calls()).toBe(1);
  });

  /** Organisation-wide servers apply to any repository; one row is enough to ask with. */
  async function someRepositoryId(organisationId: string): Promise<string> {
    return asDatabaseOwner(async (db) => {
      const inserted = await db.query(
        "INSERT INTO repositories (organisation_id, full_name, source) VALUES ($1, $2, 'local') RETURNING id",
        [organisationId, `${uniqueName('acme')}/mcp`],
      );
      return (inserted.rows[0] as { id: string }).id;
    });
  }
});
