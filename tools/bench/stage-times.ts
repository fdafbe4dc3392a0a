/** Where a task's time went, read back from its status_changed events (the pipeline and load benchmarks). */
import type { TaskEvent } from '@patchbay/contracts';

/** The statuses a task passes on its way to a pull request, in order. */
export const PIPELINE_STAGES = [
  'queued',
  'analysing',
  'planning',
  'executing',
  'validating',
  'publishing',
  'completed',
] as const;

/** When the task entered `status` (epoch ms), NaN when it never did. */
export function enteredAt(events: TaskEvent[], status: string): number {
  return Date.parse(events.find((e) => e.type === 'status_changed' && e.payload['to'] === status)?.at ?? '');
}

/** Milliseconds between consecutive stages, keyed "queued → analysing" and so on. */
export function stageTimes(events: TaskEvent[]): Record<string, number> {
  const times: Record<string, number> = {};
  for (let i = 1; i < PIPELINE_STAGES.length; i++) {
    const [from, to] = [PIPELINE_STAGES[i - 1], PIPELINE_STAGES[i]];
    times[`${from} → ${to}`] = enteredAt(events, to) - enteredAt(events, from);
  }
  return times;
}
