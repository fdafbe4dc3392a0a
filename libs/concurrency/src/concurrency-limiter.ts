import { SlotWaitTimeoutError } from './slot-wait-timeout.error';

/** Gives the slot back; calling it again does nothing, so every exit path may call it. */
export type ReleaseSlot = () => void;

export interface AcquireOptions {
  /** Leaving the queue: the wait rejects with the signal's reason and takes no slot. */
  signal?: AbortSignal;
  /** Overrides the limiter's own bound on the wait for this call. */
  maxWaitMs?: number;
}

export interface ConcurrencyLimiterOptions {
  /** What the slots guard, for error messages ("active sandboxes", "model calls"). */
  name: string;
  /** How many holders at once; the rest wait in arrival order. */
  limit: number;
  /** How long a waiter may queue before it fails with SlotWaitTimeoutError; unset, it waits until a slot or its signal. */
  maxWaitMs?: number;
  /** Told whenever the number of holders or waiters changes (gauges). */
  onChange?: (state: { active: number; waiting: number }) => void;
}

interface Waiter {
  grant: (release: ReleaseSlot) => void;
  enqueuedAt: number;
}

/**
 * A counting semaphore with a FIFO queue: above `limit`, work waits its turn instead of failing.
 * The wait is bounded (by `maxWaitMs` and the caller's abort signal) so an overloaded process
 * answers with a clear error rather than hanging forever.
 */
export class ConcurrencyLimiter {
  private holders = 0;
  private readonly queue: Waiter[] = [];

  constructor(private readonly options: ConcurrencyLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1)
      throw new RangeError(`${options.name}: the limit must be a positive integer, not ${options.limit}`);
  }

  get limit(): number {
    return this.options.limit;
  }

  /** Slots held right now. */
  get active(): number {
    return this.holders;
  }

  /** Callers queued for a slot right now. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with the slot's release once one is free (at once when one is); FIFO among waiters. */
  acquire(options: AcquireOptions = {}): Promise<ReleaseSlot> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.holders < this.options.limit && this.queue.length === 0) {
      this.holders++;
      this.changed();
      return Promise.resolve(this.releaseOnce());
    }
    const maxWaitMs = options.maxWaitMs ?? this.options.maxWaitMs;
    return new Promise<ReleaseSlot>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const leave = (error: Error) => {
        const at = this.queue.indexOf(waiter);
        if (at < 0) return; // already granted
        this.queue.splice(at, 1);
        cleanup();
        this.changed();
        reject(error);
      };
      const onAbort = () => leave(signal?.reason as Error);
      const cleanup = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        enqueuedAt: Date.now(),
        grant: (release) => {
          cleanup();
          resolve(release);
        },
      };
      this.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (maxWaitMs !== undefined)
        timer = setTimeout(
          () => leave(new SlotWaitTimeoutError(this.options.name, this.options.limit, maxWaitMs)),
          maxWaitMs,
        );
      this.changed();
    });
  }

  /**
   * Counts a holder that already exists, at once and even above `limit`: work this process took
   * over rather than started (a restarted sandbox service adopting its running sandboxes). Above
   * the bound, newcomers simply wait until enough of them have released.
   */
  hold(): ReleaseSlot {
    this.holders++;
    this.changed();
    return this.releaseOnce();
  }

  /** Runs `work` in a slot and gives the slot back however `work` ends. */
  async run<T>(work: () => Promise<T>, options: AcquireOptions = {}): Promise<T> {
    const release = await this.acquire(options);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private releaseOnce(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the first waiter, so a newcomer can never overtake the queue;
      // while held slots exceed the limit (see `hold`) a release only brings the count down.
      const next = this.holders <= this.options.limit ? this.queue.shift() : undefined;
      if (next) next.grant(this.releaseOnce());
      else this.holders--;
      this.changed();
    };
  }

  private changed(): void {
    this.options.onChange?.({ active: this.holders, waiting: this.queue.length });
  }
}
