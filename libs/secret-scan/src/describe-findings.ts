import { printablePath } from './finding-message';
import type { SecretFinding } from './secret-finding';

/** Events and audit entries stay short even when a diff vendors a whole keyring. */
const MAX_LISTED = 20;

/**
 * One line for an error event or audit entry: each finding as `rule at file:line`. Built from the
 * rule id and location only, so it is safe wherever the findings themselves are.
 */
export function describeFindings(findings: readonly SecretFinding[]): string {
  if (findings.length === 0) return 'no possible secrets found';
  const listed = findings
    .slice(0, MAX_LISTED)
    .map((finding) => `${finding.ruleId} at ${printablePath(finding.file)}:${finding.line}`);
  const more = findings.length > MAX_LISTED ? `; and ${findings.length - MAX_LISTED} more` : '';
  const noun = findings.length === 1 ? 'possible secret' : 'possible secrets';
  return `${findings.length} ${noun} found: ${listed.join('; ')}${more}`;
}
