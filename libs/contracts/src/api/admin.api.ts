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
  /** Id of the first row whose hash does not match its content or its predecessor. */
  brokenAt?: string;
}
