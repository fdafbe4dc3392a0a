import { AUDIT_GENESIS_HASH } from '@patchbay/persistence';
import {
  asDatabaseOwner,
  startGatewayTestApp,
  testDatabaseUrl,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';
import { Client } from 'pg';
import { auditRowHash } from './audit-hash';
import { AuditService } from './audit.service';

type Session = { token: string; organisationId: string };
type ListedEntry = { id: string; action: string; actorLogin: string };

describe('audit log (real Postgres)', () => {
  let gw: GatewayTestApp;
  let adminA: Session;
  let adminB: Session;
  const organisationA = uniqueName('org-a');
  const organisationB = uniqueName('org-b');
  const loginsA = [uniqueName('admin-a'), uniqueName('dev-a'), uniqueName('dev-a')];
  const loginsB = [uniqueName('admin-b'), uniqueName('dev-b')];

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    // Interleaved on purpose: under one global sequence, B's entries would sit between A's.
    adminA = await gw.login(loginsA[0], organisationA);
    adminB = await gw.login(loginsB[0], organisationB);
    await gw.login(loginsA[1], organisationA);
    await gw.login(loginsB[1], organisationB);
    await gw.login(loginsA[2], organisationA);
  });

  afterAll(() => gw.close());

  const as = (session: Session) => ({ authorization: `Bearer ${session.token}` });
  const list = async (session: Session, query = '') =>
    (await gw.http.get(`/api/v1/admin/audit${query}`).set(as(session)).expect(200)).body as ListedEntry[];
  const verify = async (session: Session) =>
    (await gw.http.get('/api/v1/admin/audit/verify').set(as(session)).expect(200)).body as {
      valid: boolean;
      count: number;
      brokenAt?: string;
    };

  /** SQL only an operator can run: as the table owner, with the append-only protection switched off. */
  async function alterAsOperator(sql: string, params: unknown[]): Promise<void> {
    await asDatabaseOwner(async (db) => {
      await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      try {
        await db.query(sql, params);
      } finally {
        await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      }
    });
  }
  const setActorAtPosition = (organisationId: string, position: string, actorLogin: string) =>
    alterAsOperator('UPDATE audit_log SET actor_login = $3 WHERE organisation_id = $1 AND chain_seq = $2', [
      organisationId,
      position,
      actorLogin,
    ]);

  it('refuses UPDATE, DELETE and TRUNCATE through the application role', async () => {
    const app = new Client({ connectionString: testDatabaseUrl() });
    await app.connect();
    try {
      await expect(app.query("UPDATE audit_log SET actor_login = 'mallory'")).rejects.toThrow(
        'audit_log is append-only: UPDATE is not allowed',
      );
      await expect(app.query('DELETE FROM audit_log')).rejects.toThrow(
        'audit_log is append-only: DELETE is not allowed',
      );
      await expect(app.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE|permission denied/);
      await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')).rejects.toThrow(
        /must be owner/,
      );
    } finally {
      await app.end();
    }
  });

  it("shows each organisation's admin only its own entries, numbered 1..n in its own chain", async () => {
    const entriesA = await list(adminA);
    const entriesB = await list(adminB);
    expect(entriesA.map((entry) => entry.id)).toEqual(['1', '2', '3']);
    expect(entriesA.map((entry) => entry.actorLogin)).toEqual(loginsA);
    expect(entriesB.map((entry) => entry.id)).toEqual(['1', '2']);
    expect(entriesB.map((entry) => entry.actorLogin)).toEqual(loginsB);
    expect(entriesA.every((entry) => entry.action === 'auth.dev-login')).toBe(true);
  });

  it('pages with `after` over positions in the organisation’s chain', async () => {
    expect((await list(adminA, '?after=1')).map((entry) => entry.id)).toEqual(['2', '3']);
    expect((await list(adminA, '?after=1&limit=1')).map((entry) => entry.actorLogin)).toEqual([loginsA[1]]);
    expect(await list(adminA, '?after=3')).toEqual([]);
  });

  it('verifies only the caller’s chain and counts only its entries', async () => {
    await expect(verify(adminA)).resolves.toEqual({ valid: true, count: 3 });
    await expect(verify(adminB)).resolves.toEqual({ valid: true, count: 2 });
  });

  it('reports a row an operator altered to its organisation, by position, and not to another organisation', async () => {
    await setActorAtPosition(adminA.organisationId, '2', 'mallory');
    try {
      await expect(verify(adminA)).resolves.toEqual({ valid: false, count: 2, brokenAt: '2' });
      await expect(verify(adminB)).resolves.toEqual({ valid: true, count: 2 });
    } finally {
      // Put the row back exactly as it was, so the chain verifies again.
      await setActorAtPosition(adminA.organisationId, '2', loginsA[1]);
    }
    await expect(verify(adminA)).resolves.toEqual({ valid: true, count: 3 });
  });

  it('keeps entries written before per-organisation chains out of admins’ views; an operator verifies them as the legacy chain', async () => {
    // Rows as the global chain wrote them before migration 1764979200000: no chain position.
    const legacy = await asDatabaseOwner(async (db) => {
      const existing = await db.query('SELECT count(*)::int AS n FROM audit_log WHERE chain_seq IS NULL');
      expect(existing.rows[0].n).toBe(0);
      let prevHash = AUDIT_GENESIS_HASH;
      const ids: string[] = [];
      for (const login of ['legacy-1', 'legacy-2']) {
        const row = {
          at: new Date(),
          actorId: null,
          actorLogin: login,
          organisationId: adminA.organisationId,
          action: 'auth.dev-login',
          targetType: 'user',
          targetId: null,
          requestId: null,
          details: {},
        };
        const hash = auditRowHash(prevHash, row);
        const inserted = await db.query(
          `INSERT INTO audit_log (at, actor_id, actor_login, organisation_id, action, target_type, target_id, request_id, details, prev_hash, hash)
           VALUES ($1, NULL, $2, $3, $4, $5, NULL, NULL, '{}', $6, $7) RETURNING id`,
          [row.at, row.actorLogin, row.organisationId, row.action, row.targetType, prevHash, hash],
        );
        ids.push(String(inserted.rows[0].id));
        prevHash = hash;
      }
      return ids;
    });

    expect((await list(adminA)).map((entry) => entry.actorLogin)).toEqual(loginsA);
    await expect(verify(adminA)).resolves.toEqual({ valid: true, count: 3 });
    const service = gw.app.get(AuditService);
    await expect(service.verifyLegacyChain()).resolves.toEqual({ valid: true, count: 2 });

    await alterAsOperator("UPDATE audit_log SET actor_login = 'mallory' WHERE id = $1", [legacy[1]]);
    try {
      await expect(service.verifyLegacyChain()).resolves.toEqual({ valid: false, count: 2, brokenAt: legacy[1] });
      await expect(verify(adminA)).resolves.toEqual({ valid: true, count: 3 });
    } finally {
      await alterAsOperator("UPDATE audit_log SET actor_login = 'legacy-2' WHERE id = $1", [legacy[1]]);
    }
  });
});
