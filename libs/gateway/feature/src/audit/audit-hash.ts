import { createHash } from 'node:crypto';
import { canonicalJson } from '@patchbay/contracts';

export interface HashableAuditRow {
  at: Date;
  actorId: string | null;
  actorLogin: string;
  organisationId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** SHA-256 over the previous row's hash followed by this row's canonical form. */
export function auditRowHash(prevHash: string, row: HashableAuditRow): string {
  const canonical = canonicalJson({
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLogin: row.actorLogin,
    organisationId: row.organisationId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    requestId: row.requestId,
    details: row.details,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
