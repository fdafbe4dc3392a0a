import type { TaskEvent } from '@patchbay/contracts';

/** A command's output as the agents report it: head and tail of each stream, secrets masked. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  elidedBytes: number;
}

/** The output a `command_executed` event carries, or null when it has none (setup steps, older events). */
export function commandOutputOf(event: TaskEvent): CommandOutput | null {
  if (event.type !== 'command_executed') return null;
  const { stdout, stderr, elidedBytes } = event.payload;
  if (typeof stdout !== 'string' && typeof stderr !== 'string') return null;
  return {
    stdout: typeof stdout === 'string' ? stdout : '',
    stderr: typeof stderr === 'string' ? stderr : '',
    elidedBytes: typeof elidedBytes === 'number' && elidedBytes > 0 ? elidedBytes : 0,
  };
}

/**
 * The coding round (attempt) each event belongs to: events of the coding agent name their round;
 * what follows them (the tests after the edits, a review) belongs to the same attempt until the
 * next round starts. Events before the first round (analysis, baseline tests) have none.
 */
export function attemptsOf(events: readonly TaskEvent[]): Map<number, number> {
  const attempts = new Map<number, number>();
  let current: number | null = null;
  for (const event of events) {
    const round = event.agent === 'coding-agent' ? event.payload['round'] : undefined;
    if (typeof round === 'number' && Number.isInteger(round) && round > 0) current = round;
    if (current !== null) attempts.set(event.seq, current);
  }
  return attempts;
}

/** The seq of the first event of each attempt, for the log to label where an attempt starts. */
export function attemptStarts(events: readonly TaskEvent[]): Map<number, number> {
  const starts = new Map<number, number>();
  const seen = new Set<number>();
  for (const [seq, attempt] of attemptsOf(events)) {
    if (seen.has(attempt)) continue;
    seen.add(attempt);
    starts.set(seq, attempt);
  }
  return starts;
}

/**
 * The test command run a `test_results` event summarises: the latest run of the tests by the
 * testing agent in the same phase before it. Null when the log holds no such run.
 */
export function producingRunOf(events: readonly TaskEvent[], results: TaskEvent): TaskEvent | null {
  if (results.type !== 'test_results') return null;
  const phase = results.payload['phase'];
  let found: TaskEvent | null = null;
  for (const event of events) {
    if (event.seq >= results.seq) break;
    if (event.type !== 'command_executed' || event.agent !== 'testing-agent') continue;
    if (event.payload['purpose'] !== undefined && event.payload['purpose'] !== 'tests') continue;
    if (phase !== undefined && event.payload['phase'] !== phase) continue;
    found = event;
  }
  return found;
}
