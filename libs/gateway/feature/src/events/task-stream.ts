import type { TaskEvent } from '@patchbay/contracts';
import type { TaskEventsService } from './task-events.service';

const REPLAY_PAGE = 500;

/**
 * One client's subscription to one task: persisted events after the client's cursor, then live
 * ones, each exactly once and in `seq` order. Live events arriving with a gap (a broadcast that
 * overtook an earlier one) trigger a catch-up read from the database instead of being reordered
 * in memory, so nothing is skipped. The same event may arrive twice (stored here and announced
 * by the database, ADR 0025): the cursor drops the second.
 */
export class TaskStream {
  private cursor: number;
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly events: TaskEventsService,
    private readonly taskId: string,
    afterSeq: number,
    private readonly send: (event: TaskEvent) => void,
  ) {
    this.cursor = afterSeq;
  }

  /** Starts listening before replaying, so events raised during the replay are not lost. */
  async start(): Promise<number> {
    // enqueue never rejects (a failed delivery is made good by the next catch-up), so the listener drops its promise.
    this.unsubscribe = [
      this.events.subscribe(this.taskId, (event) => void this.enqueue(() => this.onLive(event))),
      // Announcements from other gateways may have been missed: read whatever is after the cursor.
      this.events.subscribeResumed(() => void this.enqueue(() => this.catchUp())),
    ];
    let replayed = 0;
    await this.enqueue(async () => {
      replayed = await this.catchUp();
    });
    return replayed;
  }

  close(): void {
    this.closed = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
  }

  private enqueue(work: () => Promise<unknown>): Promise<void> {
    this.chain = this.chain
      .then(async () => {
        if (!this.closed) await work();
      })
      .catch(() => undefined);
    return this.chain;
  }

  private async onLive(event: TaskEvent): Promise<void> {
    if (event.seq <= this.cursor) return;
    if (event.seq === this.cursor + 1) {
      this.deliver(event);
      return;
    }
    await this.catchUp();
  }

  private async catchUp(): Promise<number> {
    let count = 0;
    for (;;) {
      const page = await this.events.listAfter(this.taskId, this.cursor, REPLAY_PAGE);
      for (const event of page) {
        this.deliver(event);
        count += 1;
      }
      if (page.length < REPLAY_PAGE || this.closed) return count;
    }
  }

  private deliver(event: TaskEvent): void {
    this.cursor = event.seq;
    this.send(event);
  }
}
