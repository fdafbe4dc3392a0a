/**
 * Collects a stream's output up to a byte limit, keeping the tail: when a test run floods stdout,
 * the summary at the end is what an agent needs.
 */
export class OutputBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = false;

  constructor(private readonly limitBytes: number) {}

  append(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limitBytes && this.chunks.length > 0) {
      const excess = this.size - this.limitBytes;
      const head = this.chunks[0];
      if (head.length <= excess) {
        this.chunks.shift();
        this.size -= head.length;
      } else {
        this.chunks[0] = head.subarray(excess);
        this.size -= excess;
      }
      this.dropped = true;
    }
  }

  get truncated(): boolean {
    return this.dropped;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }

  toString(): string {
    return this.toBuffer().toString('utf8');
  }
}
