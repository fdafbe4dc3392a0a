import type { StateSnapshot } from '@langchain/langgraph';
import { SandboxApiError, type SandboxClient } from '@patchbay/sandbox-client';
import { AgentRequestFailed } from './agent-rpc.client';

/**
 * A task's sandbox lives exactly as long as the task can still use it: destroyed as soon as the
 * task fails, is cancelled or completes; kept while the task waits for a human (plan or diff
 * approval, a pause) but only for `pausedTtlMs`, after which the sandbox service's expiry timer
 * and reaper remove it; given a fresh lifetime when the human answers. Before this, a failed
 * task's sandbox ran until its 15-minute wall clock.
 */
export class TaskSandboxLifecycle {
  constructor(
    private readonly sandbox: SandboxClient,
    private readonly pausedTtlMs: number,
  ) {}

  /** Destroys the sandbox; one that is already gone is fine. */
  async release(sandboxId: string | null): Promise<void> {
    if (!sandboxId) return;
    await this.sandbox.destroy(sandboxId).catch((error: unknown) => {
      if (!(error instanceof SandboxApiError && error.statusCode === 404)) throw error;
    });
  }

  /** The task now waits for a human: the sandbox expires `pausedTtlMs` from now unless resumed. */
  async hold(sandboxId: string | null): Promise<void> {
    if (!sandboxId) return;
    await this.sandbox.setExpiry(sandboxId, { ttlMs: this.pausedTtlMs }).catch((error: unknown) => {
      // Already gone (e.g. the memory limit killed it): the resume reports it.
      if (!(error instanceof SandboxApiError && (error.statusCode === 404 || error.statusCode === 409))) throw error;
    });
  }

  /** A human answered: the sandbox gets its full lifetime again, or the task learns it is gone. */
  async reclaim(sandboxId: string | null): Promise<void> {
    if (!sandboxId) return;
    try {
      await this.sandbox.setExpiry(sandboxId, {});
    } catch (error) {
      if (!(error instanceof SandboxApiError && (error.statusCode === 404 || error.statusCode === 409))) throw error;
      throw new AgentRequestFailed({
        category: 'user_correctable',
        message: `The task's sandbox is gone (${error.message}); sandboxes of tasks waiting for a human are removed after ${describeMs(this.pausedTtlMs)} (SANDBOX_PAUSED_TTL_MS). Retry the task to start again from the base branch.`,
        recoverable: true,
      });
    }
  }
}

/** The sandbox a thread's checkpoint knows of. */
export function sandboxIdOf(snapshot: StateSnapshot | null): string | null {
  const values: unknown = snapshot?.values;
  if (typeof values !== 'object' || values === null || !('sandboxId' in values)) return null;
  const id = values.sandboxId;
  return typeof id === 'string' ? id : null;
}

/** Whether the thread stopped at an interrupt, i.e. waits for a human. */
export function awaitsHuman(snapshot: StateSnapshot): boolean {
  return snapshot.tasks.some((task) => task.interrupts.length > 0);
}

function describeMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}
