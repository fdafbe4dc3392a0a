import { Client } from 'pg';
import { adminDatabaseUrl, startGatewayTestApp, uniqueName, type GatewayTestApp } from '@patchbay/testing';

/** Who holds the admin role must never depend on timing or on arriving at the right moment. */
describe('membership changes under concurrency (real Postgres)', () => {
  let gw: GatewayTestApp;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    gw = await startGatewayTestApp();
  });
  afterAll(() => gw.close());

  it('never lets two admins demoting each other at once leave the organisation without an admin', async () => {
    for (let round = 0; round < 10; round++) {
      const organisation = uniqueName('race');
      const first = await gw.login(uniqueName('first'), organisation);
      const second = await gw.login(uniqueName('second'), organisation);
      await gw.http
        .put(`/api/v1/admin/members/${second.userId}/role`)
        .set(as(first.token))
        .send({ role: 'admin' })
        .expect(200);

      const [a, b] = await Promise.all([
        gw.http.put(`/api/v1/admin/members/${second.userId}/role`).set(as(first.token)).send({ role: 'developer' }),
        gw.http.put(`/api/v1/admin/members/${first.userId}/role`).set(as(second.token)).send({ role: 'developer' }),
      ]);
      // Exactly one demotion lands; the other is refused, either as the last admin's or because its
      // author is no longer an admin by the time the guard reads the role.
      expect([a.status, b.status].filter((status) => status === 200)).toHaveLength(1);
      expect([400, 403]).toContain([a.status, b.status].find((status) => status !== 200));
      const survivor = a.status === 200 ? first : second;
      const members = (await gw.http.get('/api/v1/admin/members').set(as(survivor.token)).expect(200)).body as Array<{
        role: string;
      }>;
      expect(members.filter((member) => member.role === 'admin')).toHaveLength(1);
    }
  });

  it('makes only the first member of an organisation its admin, even if it has lost every admin', async () => {
    const organisation = uniqueName('orphaned');
    const founder = await gw.login(uniqueName('founder'), organisation);
    expect(founder.role).toBe('admin');
    // An operator demotes the only admin behind the API's back (the API itself refuses to).
    const db = new Client({ connectionString: adminDatabaseUrl() });
    await db.connect();
    try {
      await db.query(`UPDATE memberships SET role = 'developer' WHERE organisation_id = $1`, [founder.organisationId]);
    } finally {
      await db.end();
    }
    const newcomer = await gw.login(uniqueName('newcomer'), organisation);
    expect(newcomer.role).toBe('developer');
  });

  it('makes a newcomer to an organisation with members a developer', async () => {
    const organisation = uniqueName('team');
    expect((await gw.login(uniqueName('founder'), organisation)).role).toBe('admin');
    const joiners = await Promise.all([1, 2, 3].map(() => gw.login(uniqueName('joiner'), organisation)));
    expect(joiners.map((joiner) => joiner.role)).toEqual(['developer', 'developer', 'developer']);
  });

  it('gives exactly one of several simultaneous first logins the admin role', async () => {
    const organisation = uniqueName('stampede');
    const logins = await Promise.all([1, 2, 3, 4].map(() => gw.login(uniqueName('early'), organisation)));
    expect(logins.filter((login) => login.role === 'admin')).toHaveLength(1);
  });
});
