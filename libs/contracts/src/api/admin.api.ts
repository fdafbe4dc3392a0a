import type { QuotaKind, QuotaScope } from './quota.api';
import type { Role } from '../roles';

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
  /** Position in the organisation's own chain (1, 2, …); the cursor for `after`. */
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

/** The result of recomputing one organisation's chain; nothing in it counts other organisations' entries. */
export interface AuditVerification {
  valid: boolean;
  /** Entries checked, up to and including the first broken one. */
  count: number;
  /** Id (position in the chain) of the first entry whose hash does not match its content, its predecessor or its position. */
  brokenAt?: string;
}
