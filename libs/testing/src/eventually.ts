export interface EventuallyOptions {
  /** What is awaited, in words; the timeout error starts with it, so a failing spec says what never happened. */
  description: string;
  /** How long to keep trying (default 10 s). */
  timeoutMs?: number;
  /** The pause between attempts (default 100 ms). */
  intervalMs?: number;
}

/**
 * Thrown by an assertion passed to `eventually` when waiting longer cannot help (the task failed,
 * the delivery was handled without a task): `eventually` rethrows it at once instead of retrying.
 */
export class StopWaiting extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StopWaiting';
  }
}

/**
 * Runs `assertion` until it returns without throwing and resolves to what it returned. On timeout
 * it throws an error naming `description` and carrying the assertion's last error, so a wait that
 * never succeeds fails the spec with the reason instead of letting it continue on a false premise.
 * The assertion runs once more at the deadline, so a slow attempt still gets its last chance.
 */
export async function eventually<T>(assertion: () => T | Promise<T>, options: EventuallyOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  for (;;) {
    // Decided before the attempt, so the last attempt starts at or after the deadline even when a
    // timer fires a millisecond early by the wall clock (seen in CI) or the attempt itself is slow.
    const lastAttempt = Date.now() >= deadline;
    attempts += 1;
    try {
      return await assertion();
    } catch (error) {
      if (error instanceof StopWaiting) throw error;
      if (lastAttempt) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `${options.description}: still not so after ${timeoutMs} ms (${attempts} attempts); last error: ${reason}`,
          { cause: error },
        );
      }
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(intervalMs, deadline - Date.now()))));
  }
}
