import { createHash } from 'node:crypto';
import { planContentText, type Plan } from '@patchbay/contracts';

/** The same hash the gateway records with an approval: SHA-256 of the canonical plan. */
export function planContentHash(plan: Plan): string {
  return createHash('sha256').update(planContentText(plan)).digest('hex');
}
