/**
 * One possible secret in a diff. Safe to persist, log and emit as an event: it names the rule and
 * the location, and the fingerprint is a one-way hash, so no field carries the secret itself.
 */
export interface SecretFinding {
  /** The secretlint rule id (`@secretlint/secretlint-rule-github`) or `patchbay/high-entropy-assignment`. */
  readonly ruleId: string;
  /** Path of the file in the new tree, as the diff names it (without the `b/` prefix). */
  readonly file: string;
  /** 1-based line number in the new version of the file. */
  readonly line: number;
  /** Human-readable; names the rule and `file:line`, never the secret. */
  readonly message: string;
  /** SHA-256 (hex) of rule id, file and secret: equal findings collapse without the secret being stored. */
  readonly fingerprint: string;
}
