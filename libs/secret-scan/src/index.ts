export * from './secret-finding';
export * from './scan-diff';
export * from './secret-scan.error';
export * from './describe-findings';
export * from './added-lines.parser';
export { ENTROPY_EXCLUDED_FILES, ENTROPY_THRESHOLDS, HIGH_ENTROPY_RULE_ID } from './high-entropy-assignment.rule';
