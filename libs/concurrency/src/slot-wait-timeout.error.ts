/** A caller queued for a ConcurrencyLimiter slot longer than the limiter allows. */
export class SlotWaitTimeoutError extends Error {
  constructor(
    readonly limiterName: string,
    readonly limit: number,
    readonly waitedMs: number,
  ) {
    super(
      `waited ${Math.round(waitedMs / 1000)} s for one of ${limit} ${limiterName} slots, all busy: ` +
        `the host is overloaded (raise the limit only if it has the capacity)`,
    );
    this.name = 'SlotWaitTimeoutError';
  }
}
