/** How long streamed text may wait before it is sent on, and how much may gather before that. */
export const ANSWER_BATCH_MS = 200;
export const ANSWER_BATCH_CHARS = 400;

/**
 * Gathers a streamed answer into pieces worth an event each: every event is a stored row and a
 * WebSocket message, so one per model token would flood the task's log. A piece goes out once
 * it is ANSWER_BATCH_CHARS long or ANSWER_BATCH_MS old, and `flush` sends what is left.
 */
export class AnswerBatcher {
  private pending = '';
  private since = 0;
  private sent = 0;

  constructor(
    private readonly send: (piece: { seq: number; text: string }) => Promise<void>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async add(text: string): Promise<void> {
    if (!text) return;
    if (!this.pending) this.since = this.now();
    this.pending += text;
    if (this.pending.length >= ANSWER_BATCH_CHARS || this.now() - this.since >= ANSWER_BATCH_MS) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.sent++;
    await this.send({ seq: this.sent, text });
  }
}
