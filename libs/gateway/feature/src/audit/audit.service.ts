import { Injectable } from '@nestjs/common';
import { AuditRepository, type AuditChain, type AuditEntryEntity } from '@patchbay/persistence';
import { redact } from '@patchbay/observability';
import type { AuditChangeView, AuditEntryView, AuditVerification } from '@patchbay/contracts';
import { auditRowHash, type HashableAuditRow } from './audit-hash';
import { walkAuditChain } from './audit-chain-walk';

/** An entry as callers hand it over; the service stamps the time and redacts the details. */
export type AuditRecord = Omit<HashableAuditRow, 'at' | 'details'> & { details?: Record<string, unknown> };

/** What an admin sees of an entry: its position in their organisation's chain, never the global id. */
function toAuditEntryView(row: AuditEntryEntity): AuditEntryView {
  return {
    id: row.chainSeq!,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLogin: row.actorLogin,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    requestId: row.requestId,
    details: row.details,
    changes: changesOf(row.details),
    hash: row.hash,
  };
}

/** The entry's recorded changes; anything malformed (an entry written by hand) is left out rather than trusted. */
function changesOf(details: Record<string, unknown>): AuditChangeView[] {
  const raw = details['changes'];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((change: unknown) => {
    if (typeof change !== 'object' || change === null) return [];
    const { field, from, to } = change as Record<string, unknown>;
    return typeof field === 'string' ? [{ field, from: from ?? null, to: to ?? null }] : [];
  });
}

/**
 * The hash-chained audit log: one chain per organisation, plus the system's chain for entries
 * without one (ADR 0009), so what an admin sees and verifies says nothing about anyone else.
 */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async record(record: AuditRecord): Promise<AuditEntryEntity> {
    // Millisecond precision survives the round trip through timestamptz exactly, keeping hashes verifiable.
    const entry = {
      ...record,
      at: new Date(Math.floor(Date.now())),
      details: redact(record.details ?? {}) as Record<string, unknown>,
    };
    return this.audit.appendChained(entry, (prevHash) => auditRowHash(prevHash, entry));
  }

  /** Walks one chain (an organisation's, or the system's for `null`) and recomputes every link; `brokenAt` is a position in it. */
  verifyChain(chain: AuditChain): Promise<AuditVerification> {
    return walkAuditChain({
      nextPage: (after, limit) => this.audit.chainPage(chain, after, limit),
      cursorOf: (row) => row.chainSeq!,
      numbered: true,
    });
  }

  /**
   * Walks the rows written before per-organisation chains, which were chained globally in id
   * order; `brokenAt` is a global id. For operators only: no route exposes it.
   */
  verifyLegacyChain(): Promise<AuditVerification> {
    return walkAuditChain({
      nextPage: (after, limit) => this.audit.legacyPage(after, limit),
      cursorOf: (row) => row.id,
      numbered: false,
    });
  }

  /** Every organisation that has a chain, for an operator verifying the whole log. */
  chainedOrganisations(): Promise<string[]> {
    return this.audit.chainedOrganisations();
  }

  async list(organisationId: string, afterSeq: string, limit: number): Promise<AuditEntryView[]> {
    return (await this.audit.chainPage(organisationId, afterSeq, limit)).map(toAuditEntryView);
  }
}
