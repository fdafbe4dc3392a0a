/** What one readiness check found: up, or down with a reason an operator can act on. */
export type ReadinessResult = { up: true } | { up: false; reason: string };

/**
 * A dependency a process needs to do its work, asked by its /readyz: the database, the message
 * bus, and in all-in-one mode the sandbox engine, without which every task fails at once.
 */
export interface ReadinessCheck {
  /** The key under `checks` in the /readyz answer, e.g. "sandbox". */
  name: string;
  check(): Promise<ReadinessResult>;
}

/** A check from a probe that answers true when the dependency is usable; false or a throw means "does not answer". */
export function probeReadiness(name: string, probe: () => Promise<boolean>): ReadinessCheck {
  return {
    name,
    check: async () => ((await probe().catch(() => false)) ? { up: true } : { up: false, reason: 'does not answer' }),
  };
}
