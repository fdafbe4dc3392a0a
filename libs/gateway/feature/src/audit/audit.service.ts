import { Injectable } from '@nestjs/common';
import { AUDIT_GENESIS_HASH, AuditRepository, type AuditEntryEntity } from '@patchbay/persistence';
import { redact } from '@patchbay/observability';
import type { AuditEntryView, AuditVerification } from '@patchbay/contracts';
import { auditRowHash, type HashableAuditRow } from './audit-hash';

/** An entry as callers hand it over; the service stamps the time and redacts the details. */
export type AuditRecord = Omit<HashableAuditRow, 'at' | 'details'> & { details?: Record<string, unknown> };

const VERIFY_PAGE = 1_000;

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async record(record: AuditRecord): Promise<AuditEntryEntity> {
    // Millisecond precision survives the round trip through timestamptz exactly, keeping hashes verifiable.
    const entry = { ...record, at: new Date(Math.floor(Date.now())), details: redact(record.details ?? {}) as Record<string, unknown> };
    return this.audit.appendChained(entry, (prevHash) => auditRowHash(prevHash, entry));
  }

  /** Walks the whole chain in order and recomputes every link. */
  async verify(): Promise<AuditVerification> {
    let prevHash = AUDIT_GENESIS_HASH;
    let count = 0;
    let afterId = '0';
    for (;;) {
      const rows = await this.audit.page(afterId, VERIFY_PAGE);
      for (const row of rows) {
        count += 1;
        if (row.prevHash !== prevHash || auditRowHash(prevHash, row) !== row.hash) {
          return { valid: false, count, brokenAt: row.id };
        }
        prevHash = row.hash;
      }
      if (rows.length < VERIFY_PAGE) return { valid: true, count };
      afterId = rows[rows.length - 1]!.id;
    }
  }

  async list(organisationId: string, afterId: string, limit: number): Promise<AuditEntryView[]> {
    const rows = await this.audit.page(afterId, limit, organisationId);
    return rows.map((row) => ({
      id: row.id, at: row.at.toISOString(), actorId: row.actorId, actorLogin: row.actorLogin, action: row.action,
      targetType: row.targetType, targetId: row.targetId, requestId: row.requestId, details: row.details, hash: row.hash,
    }));
  }
}
