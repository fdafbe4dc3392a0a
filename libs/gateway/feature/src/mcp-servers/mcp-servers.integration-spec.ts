import { randomBytes } from 'node:crypto';
import { LocalKeyProvider } from '@patchbay/secrets';
import { asDatabaseOwner, startGatewayTestApp, uniqueName, type GatewayTestApp } from '@patchbay/testing';
import { McpServersService } from './mcp-servers.service';

const CREDENTIAL = 'mcp-token-7d1f0c9a2b4e6f8a';
const ALLOWED = 'https://mcp.tools.example';

/** Registration of MCP servers against the real gateway and Postgres (ADR 0029). */
describe('MCP server registration', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string; organisationId: string };
  let developer: { token: string };
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    gw = await startGatewayTestApp({ keyProviders: [new LocalKeyProvider(randomBytes(32))] });
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
  });

  afterAll(() => gw.close());

  it('refuses a remote server whose origin is not on the allow-list, at registration and at use', async () => {
    const offList = await gw.http
      .post('/api/v1/mcp-servers')
      .set(as(admin.token))
      .send({ transport: 'http', name: 'tickets', url: 'https://mcp.elsewhere.example/mcp', credential: CREDENTIAL })
      .expect(422);
    expect(offList.body.message).toContain('https://mcp.elsewhere.example is not on the organisation');
    // http is refused outright, whatever the allow-list says.
    await gw.http
      .post('/api/v1/mcp-servers')
      .set(as(admin.token))
      .send({ transport: 'http', name: 'plain', url: 'http://mcp.tools.example/mcp' })
      .expect(400);

    await gw.http
      .put('/api/v1/mcp-servers/remote-allow-list')
      .set(as(admin.token))
      .send({ origins: [ALLOWED] })
      .expect(200);
    const registered = await gw.http
      .post('/api/v1/mcp-servers')
      .set(as(admin.token))
      .send({ transport: 'http', name: 'tickets', url: `${ALLOWED}/mcp`, credential: CREDENTIAL })
      .expect(201);
    expect(registered.body).toMatchObject({ name: 'tickets', transport: 'http', hasCredential: true });
    const listed = await gw.http.get('/api/v1/mcp-servers').set(as(developer.token)).expect(200);
    expect(JSON.stringify([registered.body, listed.body])).not.toContain(CREDENTIAL);
    const row = await asDatabaseOwner(
      async (db) =>
        (await db.query('SELECT ciphertext FROM mcp_servers WHERE id = $1', [registered.body.id])).rows[0] as {
          ciphertext: Buffer;
        },
    );
    expect(row.ciphertext.toString('latin1')).not.toContain(CREDENTIAL);

    // The allow-list shrinks: a task no longer gets the server, and is told why.
    await gw.http.put('/api/v1/mcp-servers/remote-allow-list').set(as(admin.token)).send({ origins: [] }).expect(200);
    const repositoryId = await someRepositoryId(admin.organisationId);
    const forTask = await gw.app.get(McpServersService).forTask(admin.organisationId, repositoryId);
    expect(forTask.remote).toEqual([]);
    expect(forTask.refused).toEqual([{ name: 'tickets', reason: 'its origin is no longer on the allow-list' }]);

    const audited = await asDatabaseOwner((db) =>
      db.query(
        "SELECT action FROM audit_log WHERE organisation_id = $1 AND action LIKE 'mcp_server.%' ORDER BY chain_seq",
        [admin.organisationId],
      ),
    );
    expect((audited.rows as Array<{ action: string }>).map((entry) => entry.action)).toEqual([
      'mcp_server.allow_list',
      'mcp_server.register',
      'mcp_server.allow_list',
    ]);
  });

  it('registers a stdio server pinned to an exact version, for admins only, and hands it to tasks', async () => {
    const body = {
      transport: 'stdio',
      name: 'everything',
      package: '@modelcontextprotocol/server-everything@2026.8.31',
      args: ['stdio'],
      readOnlyTools: ['echo'],
    };
    await gw.http.post('/api/v1/mcp-servers').set(as(developer.token)).send(body).expect(403);
    await gw.http
      .post('/api/v1/mcp-servers')
      .set(as(admin.token))
      .send({ ...body, package: '@modelcontextprotocol/server-everything@latest' })
      .expect(400);
    const created = await gw.http.post('/api/v1/mcp-servers').set(as(admin.token)).send(body).expect(201);
    await gw.http.post('/api/v1/mcp-servers').set(as(admin.token)).send(body).expect(409);

    const repositoryId = await someRepositoryId(admin.organisationId);
    const forTask = await gw.app.get(McpServersService).forTask(admin.organisationId, repositoryId);
    expect(forTask.stdio).toEqual([
      { name: 'everything', package: body.package, args: ['stdio'], readOnlyTools: ['echo'] },
    ]);

    await gw.http.delete(`/api/v1/mcp-servers/${created.body.id}`).set(as(admin.token)).expect(200);
    expect((await gw.app.get(McpServersService).forTask(admin.organisationId, repositoryId)).stdio).toEqual([]);
  });

  /** Organisation-wide servers apply to any repository; one row is enough to ask with. */
  async function someRepositoryId(organisationId: string): Promise<string> {
    return asDatabaseOwner(async (db) => {
      const existing = await db.query('SELECT id FROM repositories WHERE organisation_id = $1 LIMIT 1', [
        organisationId,
      ]);
      if (existing.rows[0]) return (existing.rows[0] as { id: string }).id;
      const inserted = await db.query(
        "INSERT INTO repositories (organisation_id, full_name, source) VALUES ($1, $2, 'local') RETURNING id",
        [organisationId, `${uniqueName('acme')}/mcp`],
      );
      return (inserted.rows[0] as { id: string }).id;
    });
  }
});
