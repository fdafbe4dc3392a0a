/**
 * Keeps a number of tasks in flight until told to stop: each slot creates a task through the API,
 * waits (in the database, which outlives the gateway) until it reaches a terminal status, then
 * creates the next. A create whose answer was lost to a gateway kill is tried again, and counted:
 * the first request may have created a task the client never heard of (the checker still checks
 * every task in the database, so such a task is not hidden).
 */
import type { PatientApi } from './patient-api';
import { isTerminal, taskStatuses } from './observe-tasks';

export interface TaskStreamOptions {
  api: PatientApi;
  databaseUrl: string;
  concurrency: number;
  body: Record<string, unknown>;
  /** How long one task may take before the slot gives up waiting for it (it is still checked). */
  taskTimeoutMs: number;
}

export class TaskStream {
  readonly created: string[] = [];
  /** Creates that got no answer (connection refused or reset, 5xx) and were sent again. */
  unansweredCreates = 0;
  private stopping = false;
  private slots: Promise<void>[] = [];

  constructor(private readonly options: TaskStreamOptions) {}

  start(): void {
    this.slots = Array.from({ length: this.options.concurrency }, () => this.slot());
  }

  /** No new task after this; resolves once every slot's current task is terminal (or timed out). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.slots);
  }

  private async slot(): Promise<void> {
    while (!this.stopping) {
      const taskId = await this.create();
      this.created.push(taskId);
      const deadline = Date.now() + this.options.taskTimeoutMs;
      while (Date.now() < deadline) {
        const status = (await taskStatuses(this.options.databaseUrl).catch(() => new Map<string, string>())).get(
          taskId,
        );
        if (status && isTerminal(status)) break;
        await new Promise((done) => setTimeout(done, 1_000));
      }
    }
  }

  private async create(): Promise<string> {
    for (;;) {
      const response = await this.options.api.once('POST', '/tasks', this.options.body).catch(() => null);
      if (response?.status === 201) return ((await response.json()) as { id: string }).id;
      if (response && response.status < 500 && response.status !== 429)
        throw new Error(`POST /tasks answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      this.unansweredCreates++;
      await new Promise((done) => setTimeout(done, 1_000));
    }
  }
}
