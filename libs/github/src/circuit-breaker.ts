export class CircuitOpenError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`GitHub is failing repeatedly; calls are paused for ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'CircuitOpenError';
  }
}

export interface CircuitBreakerOptions {
  /** Consecutive failures (after the client's own retries) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one trial call is let through. */
  cooldownMs: number;
  now?: () => number;
}

/**
 * Stops hammering a GitHub that keeps failing: after N consecutive failures every call fails
 * fast for a cool-down, then a single trial decides whether to close again. Callers see a
 * transient error they can retry later instead of each waiting out its own timeouts.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  async run<T>(call: () => Promise<T>, isFailure: (error: unknown) => boolean): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) {
      throw new CircuitOpenError(this.options.cooldownMs - (this.now() - (this.openedAt ?? this.now())));
    }
    const trial = state === 'half-open';
    if (trial) this.trialInFlight = true;
    try {
      const result = await call();
      this.failures = 0;
      this.openedAt = null;
      return result;
    } catch (error) {
      if (isFailure(error)) {
        this.failures += 1;
        if (trial || this.failures >= this.options.failureThreshold) this.openedAt = this.now();
      } else if (trial) {
        // A 4xx is GitHub answering: it is up again.
        this.failures = 0;
        this.openedAt = null;
      }
      throw error;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }
}
