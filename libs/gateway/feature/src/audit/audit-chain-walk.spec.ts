import { AUDIT_GENESIS_HASH, type AuditEntryEntity } from '@patchbay/persistence';
import { auditRowHash } from './audit-hash';
import { AUDIT_WALK_PAGE, walkAuditChain } from './audit-chain-walk';

/** A correctly linked chain of `length` rows, positions 1..length, as the repository appends them. */
function chain(length: number): AuditEntryEntity[] {
  const rows: AuditEntryEntity[] = [];
  let prevHash = AUDIT_GENESIS_HASH;
  for (let position = 1; position <= length; position += 1) {
    const content = {
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, position)),
      actorId: null,
      actorLogin: `user-${position}`,
      organisationId: 'org-a',
      action: 'task.create',
      targetType: 'task',
      targetId: null,
      requestId: null,
      details: { position },
    };
    const hash = auditRowHash(prevHash, content);
    rows.push({ ...content, id: String(position * 7), chainSeq: String(position), prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

/** Recomputes hashes from `from` on, as an operator covering their tracks would. */
function relink(rows: AuditEntryEntity[], from: number): void {
  for (let index = from; index < rows.length; index += 1) {
    const row = rows[index];
    row.prevHash = index === 0 ? AUDIT_GENESIS_HASH : rows[index - 1].hash;
    row.hash = auditRowHash(row.prevHash, row);
  }
}

const byPosition = (rows: AuditEntryEntity[]) => ({
  nextPage: async (after: string, limit: number) =>
    rows.filter((row) => Number(row.chainSeq) > Number(after)).slice(0, limit),
  cursorOf: (row: AuditEntryEntity) => row.chainSeq!,
  numbered: true,
});

describe('walking an audit chain', () => {
  it('accepts an intact chain across several pages and counts its rows', async () => {
    await expect(walkAuditChain(byPosition(chain(AUDIT_WALK_PAGE * 2 + 1)))).resolves.toEqual({
      valid: true,
      count: AUDIT_WALK_PAGE * 2 + 1,
    });
    await expect(walkAuditChain(byPosition([]))).resolves.toEqual({ valid: true, count: 0 });
  });

  it('reports the position of an altered row', async () => {
    const rows = chain(5);
    rows[2].actorLogin = 'mallory';
    await expect(walkAuditChain(byPosition(rows))).resolves.toEqual({ valid: false, count: 3, brokenAt: '3' });
  });

  it('reports a row removed even when the hashes after it were recomputed', async () => {
    const rows = chain(5);
    rows.splice(1, 1);
    relink(rows, 1);
    await expect(walkAuditChain(byPosition(rows))).resolves.toEqual({ valid: false, count: 2, brokenAt: '3' });
  });

  it('walks an unnumbered (legacy) chain by its cursor alone', async () => {
    const rows = chain(3).map((row) => ({ ...row, chainSeq: null }));
    const byId = {
      nextPage: async (after: string, limit: number) =>
        rows.filter((row) => Number(row.id) > Number(after)).slice(0, limit),
      cursorOf: (row: AuditEntryEntity) => row.id,
      numbered: false,
    };
    await expect(walkAuditChain(byId)).resolves.toEqual({ valid: true, count: 3 });
    rows[1].details = { position: 99 };
    await expect(walkAuditChain(byId)).resolves.toEqual({ valid: false, count: 2, brokenAt: '14' });
  });
});
