import { z } from 'zod';

/**
 * The supervisor writes its own events (a status and its `status_changed` event in one
 * transaction, ADR 0020) and names each one here; the gateway reads the event back by id and
 * broadcasts it, so what subscribers see is always the stored row.
 */
export const taskEventRecordedSchema = z.object({
  taskId: z.uuid(),
  eventId: z.uuid(),
});
export type TaskEventRecorded = z.infer<typeof taskEventRecordedSchema>;
