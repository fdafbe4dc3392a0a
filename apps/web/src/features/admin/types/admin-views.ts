import type { QuotaKind, QuotaScope, Role } from '@patchbay/contracts';

/*
 * Response shapes of the admin endpoints. The gateway declares them in its own library
 * (MembersService, QuotaService, AuditService), not in @patchbay/contracts, so they are written
 * out here; move them once contracts exports them.
 */

export interface MemberView {
  userId: string;
  login: string;
  role: Role;
  joinedAt: string;
}

export interface QuotaStatus {
  kind: QuotaKind;
  scope: QuotaScope;
  userId: string | null;
  limit: number;
  used: number;
  resetsAt: string | null;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  actorLogin: string;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditVerification {
  valid: boolean;
  count: number;
  brokenAt?: string;
}
