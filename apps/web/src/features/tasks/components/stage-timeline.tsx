import type { TaskStatus } from '@patchbay/contracts';
import { TASK_STAGES } from '../types/task-stages';

export interface StageTimelineProps {
  status: TaskStatus;
  /** The last stage reached before a failure, cancellation or pause. */
  lastActiveStage: TaskStatus | null;
  currentAgent: string | null;
}

export function StageTimeline({ status, lastActiveStage, currentAgent }: StageTimelineProps) {
  const interrupted = status === 'failed' || status === 'cancelled' || status === 'paused';
  // A planner's question is part of planning: the timeline stays on that stage while it waits for the answer.
  const onStage = (shown: TaskStatus | null) => (shown === 'awaiting_clarification' ? 'planning' : shown);
  const position = TASK_STAGES.findIndex((stage) => stage.status === onStage(interrupted ? lastActiveStage : status));
  return (
    <div data-testid="stage-timeline">
      <ol className="flex flex-wrap items-center gap-y-2">
        {TASK_STAGES.map((stage, index) => {
          const done = index < position || (status === 'completed' && index === position);
          const current = index === position && status !== 'completed';
          const tone = current
            ? interrupted
              ? 'bg-rose-500/20 text-rose-200 ring-rose-500'
              : 'bg-indigo-500/20 text-indigo-100 ring-indigo-400'
            : done
              ? 'bg-emerald-500/10 text-emerald-200 ring-emerald-700'
              : 'bg-slate-900 text-slate-500 ring-slate-700';
          return (
            <li
              key={stage.status}
              className="flex items-center"
              aria-current={current ? 'step' : undefined}
              data-stage={stage.status}
              data-state={current ? 'current' : done ? 'done' : 'pending'}
            >
              <span className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ${tone}`}>
                {done ? '✓ ' : current ? '● ' : ''}
                {stage.label}
              </span>
              {index < TASK_STAGES.length - 1 && (
                <span className={`mx-1 h-px w-4 ${done ? 'bg-emerald-700' : 'bg-slate-700'}`} aria-hidden />
              )}
            </li>
          );
        })}
      </ol>
      <p className="mt-2 text-xs text-slate-400">
        {interrupted && (
          <span className="mr-3 font-medium text-rose-300">
            Task {status}
            {lastActiveStage ? ` during ${lastActiveStage.replace(/_/g, ' ')}` : ''}.
          </span>
        )}
        Current agent:{' '}
        <span className="font-mono text-slate-200" data-testid="current-agent">
          {currentAgent ?? '—'}
        </span>
      </p>
    </div>
  );
}
