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
  /**
   * What the request changed, old → new (settings, role, quota, allow-list, budget), read from
   * `details.changes` where the entry was hashed; secrets appear only as whether one was set.
   * Empty for entries that changed no setting, and for entries from before changes were recorded.
   */
  changes: AuditChangeView[];
  hash: string;
}

/** One value an audited request changed. */
export interface AuditChangeView {
  /** `settings.testCommand`, `allowed`, `role`, `user.daily_tasks`, `user_day budget.usd`, … */
  field: string;
  from: unknown;
  to: unknown;
}

/** The result of recomputing one organisation's chain; nothing in it counts other organisations' entries. */
export interface AuditVerification {
  valid: boolean;
  /** Entries checked, up to and including the first broken one. */
  count: number;
  /** Id (position in the chain) of the first entry whose hash does not match its content, its predecessor or its position. */
  brokenAt?: string;
}
