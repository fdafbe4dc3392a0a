import type { QuotaKind } from '@patchbay/contracts';
import type { QuotaStatus } from '@patchbay/contracts';

export const QUOTA_LABELS: Record<QuotaKind, string> = {
  tasks_per_day: 'Tasks today',
  concurrent_tasks: 'Concurrent tasks',
  pull_requests_per_day: 'Pull requests today',
  candidates_per_task: 'Candidates per task (limit only)',
};

export function QuotaBar({ quota, label }: { quota: QuotaStatus; label?: string }) {
  const ratio = quota.limit === 0 ? 1 : Math.min(1, quota.used / quota.limit);
  const tone = ratio >= 1 ? 'bg-rose-500' : ratio >= 0.8 ? 'bg-amber-400' : 'bg-emerald-500';
  return (
    <div data-testid="quota-bar" data-kind={quota.kind}>
      <div className="flex justify-between text-xs">
        <span className="text-slate-300">{label ?? QUOTA_LABELS[quota.kind]}</span>
        <span className="font-mono text-slate-200">
          {quota.used} / {quota.limit}
        </span>
      </div>
      <div
        className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-800"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={quota.limit}
        aria-valuenow={quota.used}
        aria-label={label ?? QUOTA_LABELS[quota.kind]}
      >
        <div className={`h-full ${tone}`} style={{ width: `${ratio * 100}%` }} />
      </div>
      {quota.resetsAt && (
        <p className="mt-0.5 text-[11px] text-slate-500">resets {new Date(quota.resetsAt).toLocaleString()}</p>
      )}
    </div>
  );
}
