import type { NewTaskEvent, TaskEventPayload } from '@patchbay/contracts';
import type { EventAttachment } from '@patchbay/persistence';

/** The payload field a `command_executed` event names its whole output's artifact in. */
export const OUTPUT_ARTIFACT_FIELD = 'outputArtifactId' satisfies keyof TaskEventPayload<'command_executed'>;

/**
 * Splits an agent's `command_executed` event into what is stored in the event (the excerpt) and
 * the whole output (`full`, present only when the excerpt cut something), which becomes a `log`
 * artifact fetched on demand — so the events table and the WebSocket carry kilobytes, not megabytes.
 */
export function splitCommandOutput(event: NewTaskEvent): { event: NewTaskEvent; attachment?: EventAttachment } {
  if (event.type !== 'command_executed' || !('full' in event.payload)) return { event };
  const { full, ...payload } = event.payload;
  const stdout = full?.stdout ?? '';
  const stderr = full?.stderr ?? '';
  if (stdout === '' && stderr === '') return { event: { ...event, payload } };
  return {
    event: { ...event, payload },
    attachment: {
      field: OUTPUT_ARTIFACT_FIELD,
      contentType: 'application/json',
      content: Buffer.from(JSON.stringify({ stdout, stderr }), 'utf8'),
    },
  };
}
