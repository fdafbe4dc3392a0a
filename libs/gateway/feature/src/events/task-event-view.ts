import type { TaskEvent } from '@patchbay/contracts';
import type { TaskEventEntity } from '@patchbay/persistence';

export function toTaskEvent(entity: TaskEventEntity): TaskEvent {
  // The one place a stored row becomes a typed event: rows are written only from typed events (the
  // gateway's own, and agents' checked by checkNewTaskEvent on the way in), and jsonb keeps their payloads as written.
  return {
    id: entity.id,
    taskId: entity.taskId,
    seq: entity.seq,
    type: entity.type,
    agent: entity.agent,
    payload: entity.payload,
    at: entity.at.toISOString(),
  } as TaskEvent;
}
