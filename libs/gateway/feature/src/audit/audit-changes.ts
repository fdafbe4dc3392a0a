import { AsyncLocalStorage } from 'node:async_hooks';
import { canonicalJson, type AuditChangeView } from '@patchbay/contracts';

/** One value an audited request changed: `field` names it (`settings.testCommand`, `role`), `from` and `to` are its values. */
export type AuditChange = AuditChangeView;

/** What a secret's change looks like in the log: whether one was set, never its value. */
export const SECRET_SET = '(secret set)';
export const SECRET_UNSET = '(not set)';
export const SECRET_REPLACED = '(secret replaced)';

const collected = new AsyncLocalStorage<AuditChange[]>();

/**
 * Runs an audited request's handler with a place for the changes it makes; the audit interceptor
 * puts them into the entry's details before the entry is hashed and chained (ADR 0009), so a row
 * is written once with its change and never amended.
 */
export function collectAuditChanges<T>(changes: AuditChange[], work: () => T): T {
  return collected.run(changes, work);
}

/**
 * Records what a service changed, for the audit entry of the request it serves. Outside an audited
 * request (a background job, a test calling the service) it does nothing.
 */
export function noteAuditChanges(changes: readonly AuditChange[]): void {
  collected.getStore()?.push(...changes);
}

/**
 * The fields whose values differ between two snapshots of the same thing, one level of nesting
 * deep (`settings.testCommand`), in the order of `after`'s keys. Secrets never pass through here:
 * callers leave them out of the snapshots and describe them with SECRET_* markers.
 */
export function diffForAudit(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix = '',
): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const from = before[key];
    const to = after[key];
    // Compared as canonical JSON: a value read from the database and one built in memory may differ in prototype only.
    if (canonicalJson(from ?? null) === canonicalJson(to ?? null)) continue;
    const field = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(from) && isPlainObject(to) && prefix === '') changes.push(...diffForAudit(from, to, field));
    else changes.push({ field, from: from ?? null, to: to ?? null });
  }
  return changes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
