import {
  asDatabaseOwner,
  createGitRepository,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

type Entry = {
  id: string;
  action: string;
  targetId: string | null;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  details: Record<string, unknown>;
};

describe('audit entries show what changed (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string; organisationId: string };
  let developer: { token: string; userId: string };

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const entries = async () =>
    (await gw.http.get('/api/v1/admin/audit?limit=500').set(as(admin.token)).expect(200)).body as Entry[];
  const last = async (action: string) => (await entries()).filter((entry) => entry.action === action).at(-1);

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
  });

  afterAll(() => gw.close());

  it('records a role change as old → new', async () => {
    await gw.http
      .put(`/api/v1/admin/members/${developer.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'viewer' })
      .expect(200);
    expect((await last('member.change-role'))?.changes).toEqual([{ field: 'role', from: 'developer', to: 'viewer' }]);
    await gw.http
      .put(`/api/v1/admin/members/${developer.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'developer' })
      .expect(200);
    expect((await last('member.change-role'))?.changes).toEqual([{ field: 'role', from: 'viewer', to: 'developer' }]);
  });

  it('records settings and allow-list changes, and a secret only as set or replaced, never its value', async () => {
    const secret = 'hunter2-very-private-value';
    const id = (
      await gw.http
        .post('/api/v1/repositories')
        .set(as(admin.token))
        .send({ source: 'local', fullName: uniqueName('acme/audited'), importFrom: createGitRepository() })
        .expect(201)
    ).body.id as string;
    await gw.http
      .patch(`/api/v1/repositories/${id}`)
      .set(as(admin.token))
      .send({ allowed: false, settings: { testCommand: 'npm run test:ci', secretEnv: { REGISTRY_AUTH: secret } } })
      .expect(200);
    const update = await last('repository.update');
    expect(update?.targetId).toBe(id);
    expect(update?.changes).toEqual([
      { field: 'allowed', from: true, to: false },
      { field: 'settings.testCommand', from: null, to: 'npm run test:ci' },
      { field: 'settings.secretEnv.REGISTRY_AUTH', from: '(not set)', to: '(secret set)' },
    ]);

    await gw.http
      .patch(`/api/v1/repositories/${id}`)
      .set(as(admin.token))
      .send({ settings: { secretEnv: { REGISTRY_AUTH: `${secret}-2` } } })
      .expect(200);
    expect((await last('repository.update'))?.changes).toEqual([
      { field: 'settings.secretEnv.REGISTRY_AUTH', from: '(secret set)', to: '(secret replaced)' },
    ]);
    await gw.http
      .patch(`/api/v1/repositories/${id}`)
      .set(as(admin.token))
      .send({ settings: { secretEnv: { REGISTRY_AUTH: null } } })
      .expect(200);
    expect((await last('repository.update'))?.changes).toEqual([
      { field: 'settings.secretEnv.REGISTRY_AUTH', from: '(secret set)', to: '(not set)' },
    ]);

    const stored = await asDatabaseOwner((db) =>
      db.query(
        "SELECT details::text AS details FROM audit_log WHERE organisation_id = $1 AND action = 'repository.update'",
        [admin.organisationId],
      ),
    );
    expect(stored.rows).toHaveLength(3);
    for (const row of stored.rows as Array<{ details: string }>) expect(row.details).not.toContain(secret);
  });

  it('records quota and budget changes, with the default a limit replaced', async () => {
    await gw.http
      .put('/api/v1/admin/quotas')
      .set(as(admin.token))
      .send({ scope: 'organisation', kind: 'tasks_per_day', limit: 7 })
      .expect(200);
    expect((await last('quota.set'))?.changes).toEqual([{ field: 'organisation.tasks_per_day', from: 20, to: 7 }]);
    await gw.http
      .put('/api/v1/admin/budgets')
      .set(as(admin.token))
      .send({ scope: 'organisation_month', usd: 50, tokens: null })
      .expect(200);
    expect((await last('budget.set'))?.changes).toEqual([
      { field: 'organisation_month budget.usd', from: null, to: 50 },
    ]);
    await gw.http
      .put('/api/v1/admin/budgets')
      .set(as(admin.token))
      .send({ scope: 'organisation_month', usd: 80, tokens: 1_000_000 })
      .expect(200);
    expect((await last('budget.set'))?.changes).toEqual([
      { field: 'organisation_month budget.usd', from: 50, to: 80 },
      { field: 'organisation_month budget.tokens', from: null, to: 1_000_000 },
    ]);
  });

  it('hashes the change into the entry: the chain verifies, and an entry without changes lists none', async () => {
    expect((await gw.http.get('/api/v1/admin/audit/verify').set(as(admin.token)).expect(200)).body).toMatchObject({
      valid: true,
    });
    const login = (await entries()).find((entry) => entry.action === 'auth.dev-login');
    expect(login?.changes).toEqual([]);
  });
});
