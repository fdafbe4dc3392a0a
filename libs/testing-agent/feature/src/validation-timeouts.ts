/** Wall-clock limits for the commands the testing agent runs, from the service's settings. */
export interface ValidationTimeouts {
  testTimeoutMs: number;
  lintTimeoutMs: number;
}

export const DEFAULT_VALIDATION_TIMEOUTS: ValidationTimeouts = {
  testTimeoutMs: 15 * 60_000,
  lintTimeoutMs: 5 * 60_000,
};

export const VALIDATION_TIMEOUTS = Symbol('VALIDATION_TIMEOUTS');
