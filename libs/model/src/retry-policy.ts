import { ModelRole } from './model-role';

/** How a model call survives transient failures. */
export interface RetryPolicy {
  /** Retries per model after the first attempt. */
  maxRetries: number;
  /** The first backoff; each further one doubles (1 s, 2 s, 4 s by default). */
  baseDelayMs: number;
  /**
   * A `retry-after` longer than the backoff is honoured up to this bound; beyond it (a daily
   * quota, say) waiting would stall the task for nothing, so the backoff applies.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 1000, maxRetryAfterMs: 30_000 };

/** What happened to a failed attempt, so callers can surface transient errors as events. */
export interface ModelRetryNotice {
  role: ModelRole;
  /** The model whose attempt failed. */
  model: string;
  /** 1-based count of attempts so far in this call, across models. */
  attempt: number;
  reason: string;
  /** `retry`: the same model again after `delayMs`; `fallback`: `nextModel` at once. */
  next: 'retry' | 'fallback';
  nextModel: string;
  delayMs: number;
}

/** The wait before retry number `retry` (1-based): base, 2·base, 4·base… */
export function backoffDelayMs(policy: RetryPolicy, retry: number): number {
  return policy.baseDelayMs * 2 ** (retry - 1);
}

/** Waits, but gives up as soon as the caller aborts, so a cancelled task does not sit in a backoff. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
