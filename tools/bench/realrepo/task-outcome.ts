/**
 * What a finished benchmark task did, read from its event log the way a user of the dashboard
 * sees it: the final status, whether a pull request was published, the testing agent's last test
 * summary, and where the time went.
 */
import { eventsOfType, type TaskEvent, type TaskEventOf } from '@patchbay/contracts';

export interface TestSummary {
  phase: string;
  framework: string;
  passed: number;
  failed: number;
  /** Names of failing tests the event listed (the event keeps only the first few). */
  failures: string[];
}

export interface TaskOutcome {
  status: string;
  published: boolean;
  baseline: TestSummary | null;
  lastRun: TestSummary | null;
  validationRounds: number;
  /** The last `error` event's message: why the task paused or failed. */
  report: string | null;
  /** Milliseconds spent in each status, summed over visits (executing ⇄ validating repeats). */
  stageMs: Record<string, number>;
  /** Dependency install (setup commands in the sandbox), summed. */
  installMs: number;
  /** Each test command run (baseline first), as the sandbox timed it. */
  testRunMs: number[];
  totalMs: number;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function summaryOf(event: TaskEventOf<'test_results'>): TestSummary {
  const { phase, framework, passed, failed, failures } = event.payload;
  return { phase, framework, passed, failed, failures: failures.map((failure) => failure.name).filter(Boolean) };
}

export function readTaskOutcome(status: string, events: readonly TaskEvent[]): TaskOutcome {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const stageMs: Record<string, number> = {};
  const changes = eventsOfType(ordered, 'status_changed');
  for (const [index, change] of changes.entries()) {
    const next = changes[index + 1];
    if (!next) break;
    const stage = change.payload.to;
    stageMs[stage] = (stageMs[stage] ?? 0) + (Date.parse(next.at) - Date.parse(change.at));
  }
  const testResults = eventsOfType(ordered, 'test_results').map(summaryOf);
  const commands = eventsOfType(ordered, 'command_executed');
  const errors = eventsOfType(ordered, 'error');
  const lastError = errors[errors.length - 1];
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  return {
    status,
    published: ordered.some((event) => event.type === 'pr_created'),
    baseline: testResults.find((summary) => summary.phase === 'baseline') ?? null,
    lastRun: testResults.filter((summary) => summary.phase !== 'baseline').pop() ?? null,
    validationRounds: testResults.filter((summary) => summary.phase !== 'baseline').length,
    report: lastError ? lastError.payload.message || JSON.stringify(lastError.payload).slice(0, 500) : null,
    stageMs,
    installMs: commands
      .filter((event) => event.payload.phase === 'setup')
      .reduce((sum, event) => sum + numberOf(event.payload.durationMs), 0),
    testRunMs: commands
      .filter((event) => event.payload.purpose === 'tests')
      .map((event) => numberOf(event.payload.durationMs)),
    totalMs: first && last ? Date.parse(last.at) - Date.parse(first.at) : 0,
  };
}
