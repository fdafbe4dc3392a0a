import { ModelRole } from '../model-role';

/** One model call as it is billed: the shape of a `usage_records` row without its owners. */
export interface ModelUsage {
  role: ModelRole;
  /** The model that answered (the fallback's name when the fallback answered). */
  model: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  /** Wall time of the call as the agent waited for it, retries and backoff included. */
  durationMs: number;
  /** Chosen by a sink that needs to recognise the stored row (budgets); otherwise the store picks one. */
  callId?: string;
}

/**
 * Where usage goes. A sink is created per task (it knows the organisation, user and task the
 * rows belong to); the model layer only reports calls. A rejected `record` fails the model call,
 * because usage that silently goes missing would let a task run past its quota.
 */
export interface UsageSink {
  record(usage: ModelUsage): Promise<void>;
  /**
   * Asked before each call (every retry and fallback included once per call): a sink that
   * enforces budgets rejects with BudgetExceededError, and the call is not made.
   */
  beforeCall?(): Promise<void>;
}
