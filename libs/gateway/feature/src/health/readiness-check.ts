/**
 * A dependency beyond the database and the bus that the process needs to do its work, checked by
 * /readyz: in all-in-one mode the sandbox engine, without which every task fails at once.
 */
export interface ReadinessCheck {
  /** The key under `checks` in the /readyz answer, e.g. "sandbox". */
  name: string;
  check(): Promise<{ up: true } | { up: false; reason: string }>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
