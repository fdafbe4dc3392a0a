import { createHash } from 'node:crypto';

/**
 * SHA-256 of rule id, file and secret, NUL-separated so that ("a", "bc") and ("ab", "c") cannot
 * collide. The same secret planted twice in one file gives one fingerprint; the audit log can
 * then de-duplicate repeated findings without ever holding the secret.
 */
export function fingerprintSecret(ruleId: string, file: string, secret: string): string {
  return createHash('sha256').update(ruleId).update('\0').update(file).update('\0').update(secret).digest('hex');
}
