import type { AuditChangeView } from '@patchbay/contracts';

/** A changed value as the audit view prints it: strings as they are, nothing as "none", the rest as compact JSON. */
export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** "settings.testCommand: none → npm run test:ci" */
export function describeAuditChange(change: AuditChangeView): string {
  return `${change.field}: ${formatAuditValue(change.from)} → ${formatAuditValue(change.to)}`;
}
