import { eventsOfType, type TaskEvent, type TaskEventOf } from '@patchbay/contracts';

/** A command's output as the agents report it: head and tail of each stream, secrets masked. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  elidedBytes: number;
  /** The stored whole output (GET /tasks/:id/outputs/:artifactId), when the excerpt cut something. */
  artifactId: string | null;
}

/** The output a `command_executed` event carries, or null when it has none (setup steps, older events). */
export function commandOutputOf(event: TaskEvent): CommandOutput | null {
  if (event.type !== 'command_executed') return null;
  const { stdout, stderr, elidedBytes, outputArtifactId } = event.payload;
  if (stdout === undefined && stderr === undefined) return null;
  return {
    stdout: stdout ?? '',
    stderr: stderr ?? '',
    elidedBytes: elidedBytes && elidedBytes > 0 ? elidedBytes : 0,
    artifactId: outputArtifactId ?? null,
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
    const round = event.agent === 'coding-agent' ? roundOf(event) : undefined;
    if (round !== undefined && round > 0) current = round;
    if (current !== null) attempts.set(event.seq, current);
  }
  return attempts;
}

/** The coding round an event of the coding agent names (its thoughts, file changes and commands do). */
function roundOf(event: TaskEvent): number | undefined {
  return event.type === 'agent_thought' || event.type === 'file_modified' || event.type === 'command_executed'
    ? event.payload.round
    : undefined;
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
 * The test command run a `test_results` event summarises: the testing agent's run of the tests in
 * the same phase (and of the same command, when the results name it) nearest to it in the log.
 * Nearest, not "the last before it": the gateway stores concurrent bus messages in the order they
 * commit, so a run's `command_executed` may land just after its results. Null when there is none.
 */
export function producingRunOf(
  events: readonly TaskEvent[],
  results: TaskEvent,
): TaskEventOf<'command_executed'> | null {
  if (results.type !== 'test_results') return null;
  const { phase, command } = results.payload;
  let found: TaskEventOf<'command_executed'> | null = null;
  for (const event of eventsOfType(events, 'command_executed')) {
    if (event.agent !== 'testing-agent') continue;
    if (event.payload.purpose !== undefined && event.payload.purpose !== 'tests') continue;
    if (event.payload.phase !== phase) continue;
    if (event.payload.command !== command) continue;
    const distance = Math.abs(event.seq - results.seq);
    // Ties go to the earlier run: a run precedes its results unless the store reordered them.
    if (!found || distance < Math.abs(found.seq - results.seq)) found = event;
  }
  return found;
}
