import { randomUUID } from 'node:crypto';
import { firstBudgetReached, type BudgetDefaults, type BudgetLine } from '@patchbay/contracts';
import { BudgetExceededError, type ModelUsage, type UsageSink } from '@patchbay/model';
import type { BudgetRepository, InFlightCall } from '@patchbay/persistence';
import type { UsageOwner } from './bus-usage.sink';

export interface BudgetGuardOptions {
  /** How long a recorded call waits for the gateway to store its usage before going on without it. */
  recordWaitMs: number;
  pollMs: number;
}

const DEFAULT_OPTIONS: BudgetGuardOptions = { recordWaitMs: 5_000, pollMs: 20 };

/**
 * Stops a task's model calls at its budgets (the task's own, its creator's UTC day, its
 * organisation's UTC month). Usage travels to the gateway over the bus and is stored there, so
 * a check that read only `usage_records` could miss the call just made. Two rules close that gap
 * (ADR 0013):
 *
 * 1. Recording waits until the gateway has stored the row (polled by the call's id), so once a
 *    call returns, its cost is visible to every process: the planner's calls in the supervisor
 *    are seen by the coder's first check in the coding agent.
 * 2. A call whose row is not stored within `recordWaitMs` (gateway slow or down) stays in this
 *    process's in-flight list and is added to every check here until the table has it; the id
 *    keeps it from being counted twice.
 *
 * What remains: calls of *other* tasks running at the same moment in other processes are seen
 * once stored, so a user's or organisation's budget can be overshot by the calls in flight
 * elsewhere (at most one per running task), never by a task's own.
 */
export class BudgetGuard {
  private readonly inFlight = new Map<string, InFlightCall>();
  private readonly options: BudgetGuardOptions;

  constructor(
    private readonly budgets: BudgetRepository,
    private readonly defaults: BudgetDefaults,
    options: Partial<BudgetGuardOptions> = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** The sink a task's models report to, with the check before each call. Calls outside a task are not budgeted. */
  wrap(sink: UsageSink, owner: UsageOwner): UsageSink {
    const { taskId } = owner;
    if (!taskId) return sink;
    return {
      beforeCall: async () => {
        await this.check(taskId);
      },
      record: async (usage: ModelUsage) => {
        const callId = usage.callId ?? randomUUID();
        const call: InFlightCall = {
          callId,
          organisationId: owner.organisationId,
          userId: owner.userId,
          taskId,
          usd: usage.costUsd,
          tokens: usage.promptTokens + usage.completionTokens,
          at: this.now(),
        };
        this.inFlight.set(callId, call);
        await sink.record({ ...usage, callId });
        await this.awaitStored(callId);
      },
    };
  }

  /** Throws BudgetExceededError when any budget of the task is reached; returns the lines otherwise. */
  async check(taskId: string): Promise<BudgetLine[]> {
    const subject = await this.budgets.findTaskSubject(taskId);
    if (!subject) return [];
    const lines = await this.budgets.linesForTask(subject, this.defaults, this.now(), await this.notStored());
    const reached = firstBudgetReached(lines);
    if (reached) throw new BudgetExceededError(reached);
    return lines;
  }

  /** The in-flight calls the table does not have yet; the ones it has are forgotten here. */
  private async notStored(): Promise<InFlightCall[]> {
    const stored = await this.budgets.storedCallIds([...this.inFlight.keys()]);
    for (const id of stored) this.inFlight.delete(id);
    return [...this.inFlight.values()];
  }

  private async awaitStored(callId: string): Promise<void> {
    const deadline = Date.now() + this.options.recordWaitMs;
    while (Date.now() < deadline) {
      if ((await this.budgets.storedCallIds([callId])).has(callId)) {
        this.inFlight.delete(callId);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    }
  }
}
