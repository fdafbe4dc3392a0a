import type { Role, SetQuotaRequest } from '@patchbay/contracts';
import { requestJson } from '../../../api/http-client';
import type { AuditEntryView, AuditVerification, MemberView, QuotaStatus } from '@patchbay/contracts';

export function listMembers(): Promise<MemberView[]> {
  return requestJson<MemberView[]>('/admin/members');
}

export function changeMemberRole(userId: string, role: Role): Promise<MemberView> {
  return requestJson<MemberView>(`/admin/members/${encodeURIComponent(userId)}/role`, {
    method: 'PUT',
    body: { role },
  });
}

export function listQuotas(): Promise<QuotaStatus[]> {
  return requestJson<QuotaStatus[]>('/admin/quotas');
}

export function setQuota(request: SetQuotaRequest): Promise<QuotaStatus> {
  return requestJson<QuotaStatus>('/admin/quotas', { method: 'PUT', body: request });
}

export function listAuditEntries(after: string, limit: number): Promise<AuditEntryView[]> {
  return requestJson<AuditEntryView[]>('/admin/audit', { query: { after, limit } });
}

export function verifyAuditChain(): Promise<AuditVerification> {
  return requestJson<AuditVerification>('/admin/audit/verify');
}
