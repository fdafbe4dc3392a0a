import { audioReadyPayloadSchema, type AudioReadyPayload, type TaskEvent } from '@patchbay/contracts';

/** The latest spoken summary a task announced, or null; an `audio_ready` the page cannot read is passed over. */
export function latestAudioSummary(events: readonly TaskEvent[]): AudioReadyPayload | null {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type !== 'audio_ready') continue;
    const parsed = audioReadyPayloadSchema.safeParse(event.payload);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** "12 s" or "1 min 5 s", as the player's label says how long the summary is. */
export function formatAudioDuration(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
