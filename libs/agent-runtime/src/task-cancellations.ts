import type { LoggerService } from '@nestjs/common';
import type { MessageBus } from '@patchbay/bus';
import { BroadcastPatterns, taskCancelledNoticeSchema } from '@patchbay/contracts';

/** Cancelled task ids remembered, so work for a task that arrives after its cancellation starts aborted. */
const REMEMBERED_CANCELLATIONS = 1_000;

/** One piece of in-flight work for a task: its signal, and `end` once it settled. */
export interface TaskWork {
  signal: AbortSignal;
  end(): void;
}

/**
 * This instance's view of task cancellations: it hears the gateway's TaskCancelled broadcast and
 * aborts every signal handed out for that task, which stops the model call (LangChain passes the
 * signal to the HTTP request), the sandbox exec (the client closes its request and the sandbox
 * kills the command) and the agent's loop. Each agent process holds one per agent.
 */
export class TaskCancellations {
  private readonly running = new Map<string, Set<AbortController>>();
  private readonly cancelled = new Set<string>();

  constructor(
    private readonly bus: MessageBus,
    private readonly logger: LoggerService,
    private readonly agent: string,
  ) {}

  /** Starts listening; call once when the service starts. */
  listen(): Promise<void> {
    return this.bus.subscribe(BroadcastPatterns.TaskCancelled, (payload) => {
      const notice = taskCancelledNoticeSchema.safeParse(payload);
      if (!notice.success) {
        this.logger.warn?.({ msg: 'malformed cancellation notice dropped', agent: this.agent });
        return;
      }
      this.cancel(notice.data.taskId, Date.parse(notice.data.at));
    });
  }

  /** A signal for work on the task, aborted when the task is (or already was) cancelled. */
  begin(taskId: string): TaskWork {
    const controller = new AbortController();
    if (this.cancelled.has(taskId)) controller.abort(new TaskCancelledSignal(taskId));
    const set = this.running.get(taskId) ?? new Set<AbortController>();
    set.add(controller);
    this.running.set(taskId, set);
    return {
      signal: controller.signal,
      end: () => {
        set.delete(controller);
        if (set.size === 0 && this.running.get(taskId) === set) this.running.delete(taskId);
      },
    };
  }

  /** Runs work for the task with its signal, and ends it however the work settles. */
  async run<T>(taskId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const piece = this.begin(taskId);
    try {
      return await work(piece.signal);
    } finally {
      piece.end();
    }
  }

  isCancelled(taskId: string): boolean {
    return this.cancelled.has(taskId);
  }

  /** Aborts the task's in-flight work; returns how many pieces of work were aborted. */
  cancel(taskId: string, cancelledAt = Date.now()): number {
    this.cancelled.add(taskId);
    if (this.cancelled.size > REMEMBERED_CANCELLATIONS) {
      const oldest = this.cancelled.values().next().value;
      if (oldest !== undefined) this.cancelled.delete(oldest);
    }
    const controllers = [...(this.running.get(taskId) ?? [])];
    for (const controller of controllers) controller.abort(new TaskCancelledSignal(taskId));
    // The acknowledgement operators (and the cancellation spec) read: which agent stopped what, how soon.
    this.logger.log({
      msg: 'task cancelled; in-flight work aborted',
      agent: this.agent,
      taskId,
      aborted: controllers.length,
      afterMs: Math.max(0, Date.now() - cancelledAt),
    });
    return controllers.length;
  }
}

/** The abort reason: tells a caught abort apart from a timeout or a network failure. */
export class TaskCancelledSignal extends Error {
  constructor(readonly taskId: string) {
    super(`task ${taskId} was cancelled`);
    this.name = 'TaskCancelledSignal';
  }
}
