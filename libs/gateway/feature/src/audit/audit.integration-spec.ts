import { asDatabaseOwner, startGatewayTestApp, testDatabaseUrl, uniqueName, type GatewayTestApp } from '@patchbay/testing';
import { Client } from 'pg';

describe('audit log (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string };

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    admin = await gw.login(uniqueName('admin'), uniqueName('org'));
  });

  afterAll(() => gw.close());

  const verify = () => gw.http.get('/api/v1/admin/audit/verify').set('authorization', `Bearer ${admin.token}`).expect(200);

  it('refuses UPDATE, DELETE and TRUNCATE through the application role', async () => {
    const app = new Client({ connectionString: testDatabaseUrl() });
    await app.connect();
    try {
      await expect(app.query("UPDATE audit_log SET actor_login = 'mallory'")).rejects.toThrow('audit_log is append-only: UPDATE is not allowed');
      await expect(app.query('DELETE FROM audit_log')).rejects.toThrow('audit_log is append-only: DELETE is not allowed');
      await expect(app.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE|permission denied/);
      await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')).rejects.toThrow(/must be owner/);
    } finally {
      await app.end();
    }
  });

  it('verifies the chain, then finds the row an operator altered behind the application’s back', async () => {
    await gw.login(uniqueName('someone'), uniqueName('org'));
    const before = await verify();
    expect(before.body).toEqual({ valid: true, count: expect.any(Number) });
    expect(before.body.count).toBeGreaterThanOrEqual(2);

    const victim = await asDatabaseOwner(async (db) => {
      const { rows } = await db.query("SELECT id, actor_login FROM audit_log WHERE action = 'auth.dev-login' ORDER BY id DESC LIMIT 1");
      const row = rows[0] as { id: string; actor_login: string };
      // Only the table owner can do this, and only by switching the protection off first.
      await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      try {
        await db.query("UPDATE audit_log SET actor_login = 'mallory' WHERE id = $1", [row.id]);
      } finally {
        await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      }
      return { id: String(row.id), login: row.actor_login };
    });
    try {
      const after = await verify();
      expect(after.body).toMatchObject({ valid: false, brokenAt: victim.id });
    } finally {
      // Other suites verify the chain too: put the row back exactly as it was.
      await asDatabaseOwner(async (db) => {
        await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
        await db.query('UPDATE audit_log SET actor_login = $2 WHERE id = $1', [victim.id, victim.login]);
        await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      });
    }
    expect((await verify()).body.valid).toBe(true);
  });
});
