import type { TaskEvent } from '@patchbay/contracts';

export interface ModelThatRan {
  role: string;
  /** The model layer's own label, e.g. "scripted demo model" or "gpt-4o-mini @ https://…". */
  label: string;
}

/**
 * The models that actually ran, per role, as the agents reported them in their events (the
 * planner's plan_ready, the coder's round announcement): not the model the task asked for, which
 * may be absent or overridden by configuration. A role that ran again with another model shows
 * the latest one.
 */
export function modelsThatRan(events: readonly TaskEvent[]): ModelThatRan[] {
  const byRole = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'plan_ready' && event.payload.model.trim()) byRole.set('planner', event.payload.model);
    else if (event.type === 'agent_thought' && event.payload.role && event.payload.model?.trim())
      byRole.set(event.payload.role, event.payload.model);
  }
  return [...byRole].map(([role, label]) => ({ role, label }));
}
