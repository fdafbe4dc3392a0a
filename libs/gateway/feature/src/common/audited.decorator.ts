import { SetMetadata } from '@nestjs/common';

export const AUDIT_METADATA = 'patchbay:audit';

export interface AuditSpec {
  action: string;
  targetType: string;
  /** Route parameter holding the target's id; otherwise the response's `id` is used. */
  targetParam?: string;
}

/** Marks a state-changing route: its successful calls are written to the audit log. */
export const Audited = (action: string, targetType: string, targetParam?: string) =>
  SetMetadata(AUDIT_METADATA, { action, targetType, targetParam } satisfies AuditSpec);
