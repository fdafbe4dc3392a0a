import type { TaskEvent } from '@patchbay/contracts';
import type { TaskEventEntity } from '@patchbay/persistence';

export function toTaskEvent(entity: TaskEventEntity): TaskEvent {
  return { id: entity.id, taskId: entity.taskId, seq: entity.seq, type: entity.type, agent: entity.agent, payload: entity.payload, at: entity.at.toISOString() };
}
