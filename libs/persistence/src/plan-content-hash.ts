import { createHash } from 'node:crypto';
import { planContentText, type Plan, type TargetTest } from '@patchbay/contracts';

/**
 * SHA-256 of a plan's canonical text: what the supervisor stores with each plan version and what
 * an approval records, so the two must come from this one function. It lives here rather than in
 * contracts because contracts also runs in the browser, which has no `node:crypto`.
 */
export function planContentHash(
  plan: Pick<Plan, 'summary' | 'steps'> & { targetTests?: readonly TargetTest[] },
): string {
  return createHash('sha256').update(planContentText(plan)).digest('hex');
}
