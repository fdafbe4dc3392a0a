import type { TaskStatus } from '@patchbay/contracts';

/** The happy path of the status machine (docs/architecture.md), as the stage timeline shows it. */
export const TASK_STAGES: ReadonlyArray<{ status: TaskStatus; label: string }> = [
  { status: 'queued', label: 'Queued' },
  { status: 'analysing', label: 'Analysing' },
  { status: 'planning', label: 'Planning' },
  { status: 'awaiting_plan_approval', label: 'Plan review' },
  { status: 'executing', label: 'Executing' },
  { status: 'validating', label: 'Validating' },
  { status: 'awaiting_diff_approval', label: 'Diff review' },
  { status: 'publishing', label: 'Publishing' },
  { status: 'completed', label: 'Completed' },
];

export const STATUS_LABELS: Record<TaskStatus, string> = {
  queued: 'Queued',
  analysing: 'Analysing',
  planning: 'Planning',
  awaiting_plan_approval: 'Plan review',
  awaiting_clarification: 'Question',
  executing: 'Executing',
  validating: 'Validating',
  paused: 'Paused',
  awaiting_diff_approval: 'Diff review',
  publishing: 'Publishing',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
