import type { TaskStatus } from '@patchbay/contracts';
import { isTaskStatus } from '../types/task-event-payloads';
import { STATUS_LABELS } from '../types/task-stages';

const TONES: Record<TaskStatus, string> = {
  queued: 'bg-slate-700/60 text-slate-200 ring-slate-500',
  analysing: 'bg-sky-900/60 text-sky-200 ring-sky-600',
  planning: 'bg-sky-900/60 text-sky-200 ring-sky-600',
  awaiting_plan_approval: 'bg-amber-900/60 text-amber-200 ring-amber-600',
  awaiting_clarification: 'bg-amber-900/60 text-amber-200 ring-amber-600',
  executing: 'bg-indigo-900/60 text-indigo-200 ring-indigo-500',
  validating: 'bg-violet-900/60 text-violet-200 ring-violet-500',
  paused: 'bg-orange-900/60 text-orange-200 ring-orange-600',
  awaiting_diff_approval: 'bg-amber-900/60 text-amber-200 ring-amber-600',
  publishing: 'bg-teal-900/60 text-teal-200 ring-teal-600',
  completed: 'bg-emerald-900/60 text-emerald-200 ring-emerald-600',
  failed: 'bg-rose-900/60 text-rose-200 ring-rose-600',
  cancelled: 'bg-zinc-800 text-zinc-300 ring-zinc-600',
};

export function StatusChip({ status }: { status: string }) {
  const known = isTaskStatus(status);
  return (
    <span
      data-testid="status-chip"
      data-status={status}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${known ? TONES[status] : TONES.queued}`}
    >
      {known ? STATUS_LABELS[status] : status}
    </span>
  );
}
