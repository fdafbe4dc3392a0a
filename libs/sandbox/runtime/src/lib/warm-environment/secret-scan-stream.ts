/**
 * Watches a byte stream for any of a set of values (the sandbox's own environment: repository
 * settings may carry tokens) across chunk boundaries. A snapshot in which one appears — an install
 * script that wrote a token into node_modules — is not kept.
 */
export class SecretScan {
  private readonly needles: Buffer[];
  private readonly overlap: number;
  private tail = Buffer.alloc(0);
  found = false;

  /** Values shorter than `minLength` are ignored: "true" or "1" would match everywhere. */
  constructor(values: readonly string[], minLength = 8) {
    this.needles = [...new Set(values.filter((value) => value.length >= minLength))].map((value) => Buffer.from(value));
    this.overlap = Math.max(0, ...this.needles.map((needle) => needle.length - 1));
  }

  push(chunk: Buffer): void {
    if (this.found || this.needles.length === 0) return;
    const window = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    if (this.needles.some((needle) => window.includes(needle))) this.found = true;
    this.tail = Buffer.from(window.subarray(Math.max(0, window.length - this.overlap)));
  }
}
