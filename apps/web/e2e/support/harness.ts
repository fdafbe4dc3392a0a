export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
}

/**
 * Records named checks. The browser flow builds on earlier steps, so once one fails the rest are
 * reported as failed without running them (they would only time out).
 */
export class Harness {
  readonly results: CheckResult[] = [];
  private broken: string | null = null;
  /** Called once when a check fails, to save evidence (a screenshot, the page's console). */
  onFailure: ((name: string) => Promise<void>) | null = null;

  async check(name: string, run: () => Promise<void>): Promise<void> {
    if (this.broken) {
      this.record({ name, ok: false, detail: `not run: "${this.broken}" failed earlier` });
      return;
    }
    const started = Date.now();
    try {
      await run();
      this.record({ name, ok: true, detail: `${Date.now() - started} ms` });
    } catch (error) {
      this.broken = name;
      this.record({ name, ok: false, detail: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      await this.onFailure?.(name).catch(() => undefined);
    }
  }

  record(result: CheckResult): void {
    this.results.push(result);
    console.log(`${result.ok ? '  ✓' : '  ✗'} ${result.name}${result.detail ? ` — ${result.ok ? result.detail : `\n      ${result.detail.split('\n').slice(0, 6).join('\n      ')}`}` : ''}`);
  }

  get passed(): number {
    return this.results.filter((r) => r.ok).length;
  }

  get failed(): number {
    return this.results.filter((r) => !r.ok).length;
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
