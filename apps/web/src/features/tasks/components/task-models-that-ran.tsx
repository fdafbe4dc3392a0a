import type { TaskEvent } from '@patchbay/contracts';
import { useMemo } from 'react';
import { modelsThatRan } from '../lib/models-that-ran';

/** "planner: scripted demo model · coder: gpt-4o-mini @ …": what ran, as the model layer labels it. */
export function TaskModelsThatRan({ events }: { events: readonly TaskEvent[] }) {
  const models = useMemo(() => modelsThatRan(events), [events]);
  if (models.length === 0) return null;
  return (
    <span data-testid="task-models-that-ran">
      · ran on{' '}
      {models.map((model, index) => (
        <span key={model.role}>
          {index > 0 && ', '}
          {model.role}:{' '}
          <span className="font-mono text-slate-300" data-testid="task-model-label" data-role={model.role}>
            {model.label}
          </span>
        </span>
      ))}
    </span>
  );
}
