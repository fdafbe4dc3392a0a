import type { TaskView } from '@patchbay/contracts';
import { traceIdOf } from '@patchbay/observability';
import type { TaskEntity } from '@patchbay/persistence';

export function toTaskView(task: TaskEntity): TaskView {
  return {
    id: task.id,
    repository: task.repository?.fullName ?? '',
    baseBranch: task.baseBranch,
    prompt: task.prompt,
    status: task.status,
    priority: task.priority,
    constraints: task.constraints,
    autoApprove: { plan: task.autoApprovePlan, diff: task.autoApproveDiff },
    model: task.model,
    createdBy: task.createdBy,
    attempt: task.attempt,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    traceId: traceIdOf(task.traceparent),
  };
}
