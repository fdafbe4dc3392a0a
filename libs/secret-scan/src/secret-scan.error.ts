import type { ErrorCategory } from '@patchbay/contracts';
import { describeFindings } from './describe-findings';
import type { SecretFinding } from './secret-finding';

/**
 * The diff about to be committed contains possible secrets. Category D (security): publishing
 * aborts and is not retried — the diff has to change. The message lists rule and file:line only,
 * so the error can be logged and emitted as an event as it is.
 */
export class SecretsDetectedError extends Error {
  override readonly name = 'SecretsDetectedError';
  readonly category: ErrorCategory = 'security';
  readonly recoverable = false;

  constructor(readonly findings: readonly SecretFinding[]) {
    super(`Secret scan blocked publishing: ${describeFindings(findings)}`);
  }
}
