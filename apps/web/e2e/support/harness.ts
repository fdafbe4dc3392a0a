export interface CheckResult {
  name: string;
  ok: boolean;
  durationMs: number;
  detail?: string;
}

/**
 * A journey is a run of scenarios that build on each other in one browser page (signed in, a task
 * created, a plan approved…). Once one of its checks fails, its later checks and scenarios are
 * reported as failed without running (they would only time out); other journeys carry on.
 */
export type Journey = 'dashboard' | 'pipeline' | 'independent';

export interface ScenarioResult {
  name: string;
  journey: Journey;
  status: 'passed' | 'failed' | 'not run';
  durationMs: number;
  checks: CheckResult[];
}

/** What a scenario calls for each named check: it runs, times and records it. */
export type Check = (name: string, run: () => Promise<void>) => Promise<void>;

/** The JSON written by `--report`: totals of checks (read by tools/test/summarise-reports.js) and each scenario's outcome. */
export interface E2eReport {
  name: 'web-e2e';
  passed: number;
  failed: number;
  durationMs: number;
  scenarios: ScenarioResult[];
}

/** Records named scenarios and their checks; see `Journey` for what a failure stops. */
export class Harness {
  readonly scenarios: ScenarioResult[] = [];
  private readonly broken = new Map<Journey, string>();
  private readonly started = Date.now();
  /** Called once when a check fails, to save evidence (a screenshot, the page's console, the task's events). */
  onFailure: ((journey: Journey, check: string) => Promise<void>) | null = null;

  async scenario(name: string, journey: Journey, run: (check: Check) => Promise<void>): Promise<void> {
    const result: ScenarioResult = { name, journey, status: 'passed', durationMs: 0, checks: [] };
    this.scenarios.push(result);
    console.log(`▸ ${name}`);
    const brokenBy = journey === 'independent' ? undefined : this.broken.get(journey);
    if (brokenBy) {
      result.status = 'not run';
      console.log(`  ✗ not run: "${brokenBy}" failed earlier in the ${journey} journey`);
      return;
    }
    const started = Date.now();
    const check: Check = (checkName, body) => this.check(result, checkName, body);
    try {
      await run(check);
    } catch (error) {
      // A failure between checks (a page that would not open): recorded as a check of its own.
      this.fail(result, `${name}: outside a check`, 0, error);
      await this.onFailure?.(journey, name).catch(() => undefined);
    }
    result.durationMs = Date.now() - started;
    console.log(`  ${result.status === 'passed' ? '✓' : '✗'} ${name} ${result.status} in ${result.durationMs} ms`);
  }

  /** Records a result that did not come from a scenario, such as a setup failure. */
  recordFailure(name: string, error: unknown): void {
    const result: ScenarioResult = { name, journey: 'independent', status: 'failed', durationMs: 0, checks: [] };
    this.scenarios.push(result);
    this.fail(result, name, 0, error);
  }

  private async check(scenario: ScenarioResult, name: string, run: () => Promise<void>): Promise<void> {
    const brokenBy = scenario.journey === 'independent' ? undefined : this.broken.get(scenario.journey);
    if (brokenBy) {
      this.record(scenario, { name, ok: false, durationMs: 0, detail: `not run: "${brokenBy}" failed earlier` });
      return;
    }
    const started = Date.now();
    try {
      await run();
      this.record(scenario, { name, ok: true, durationMs: Date.now() - started });
    } catch (error) {
      this.fail(scenario, name, Date.now() - started, error);
      await this.onFailure?.(scenario.journey, name).catch(() => undefined);
    }
  }

  private fail(scenario: ScenarioResult, name: string, durationMs: number, error: unknown): void {
    if (scenario.journey !== 'independent') this.broken.set(scenario.journey, name);
    this.record(scenario, {
      name,
      ok: false,
      durationMs,
      detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }

  private record(scenario: ScenarioResult, result: CheckResult): void {
    scenario.checks.push(result);
    if (!result.ok) scenario.status = 'failed';
    const detail = result.ok
      ? ` — ${result.durationMs} ms`
      : result.detail
        ? ` — \n      ${result.detail.split('\n').slice(0, 6).join('\n      ')}`
        : '';
    console.log(`    ${result.ok ? '✓' : '✗'} ${result.name}${detail}`);
  }

  /** Checks that passed. */
  get passed(): number {
    return this.scenarios.flatMap((s) => s.checks).filter((c) => c.ok).length;
  }

  /** Checks that failed or did not run, plus one per scenario that did not run (its checks are unknown). */
  get failed(): number {
    return (
      this.scenarios.flatMap((s) => s.checks).filter((c) => !c.ok).length +
      this.scenarios.filter((s) => s.status === 'not run').length
    );
  }

  report(): E2eReport {
    return {
      name: 'web-e2e',
      passed: this.passed,
      failed: this.failed,
      durationMs: Date.now() - this.started,
      scenarios: this.scenarios,
    };
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
