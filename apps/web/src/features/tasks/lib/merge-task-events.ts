import type { TaskEvent } from '@patchbay/contracts';

/**
 * Merges newly received events into the ones held, ordered by `seq`, each `seq` once. A replay
 * after a reconnect, or the REST load racing the WebSocket, delivers some events twice; the copy
 * already held wins so that rendered rows keep their identity.
 */
export function mergeTaskEvents(held: readonly TaskEvent[], incoming: readonly TaskEvent[]): TaskEvent[] {
  if (incoming.length === 0) return held as TaskEvent[];
  const bySeq = new Map<number, TaskEvent>();
  for (const event of held) bySeq.set(event.seq, event);
  let added = false;
  for (const event of incoming) {
    if (!bySeq.has(event.seq)) {
      bySeq.set(event.seq, event);
      added = true;
    }
  }
  if (!added) return held as TaskEvent[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The `after` cursor to resume from: the highest `seq` held, so the server sends nothing twice and skips nothing. */
export function lastSeq(events: readonly TaskEvent[] | undefined): number {
  let max = 0;
  for (const event of events ?? []) if (event.seq > max) max = event.seq;
  return max;
}

/** Sequence numbers missing between 1 and the highest one held: non-empty means the log has a gap. */
export function missingSeqs(events: readonly TaskEvent[]): number[] {
  const seen = new Set(events.map((event) => event.seq));
  const missing: number[] = [];
  for (let seq = 1; seq <= lastSeq(events); seq += 1) if (!seen.has(seq)) missing.push(seq);
  return missing;
}
