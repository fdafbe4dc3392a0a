import {
  ACTIVE_TASK_STATUSES,
  assertTransition,
  canTransition,
  IllegalTaskTransitionError,
  nextStatuses,
  TASK_STATUSES,
} from './task-status';

describe('task status machine', () => {
  it('walks the happy path of the status machine', () => {
    const path = [
      'queued',
      'analysing',
      'planning',
      'awaiting_plan_approval',
      'executing',
      'validating',
      'executing',
      'validating',
      'awaiting_diff_approval',
      'publishing',
      'completed',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1], path[i])).not.toThrow();
  });

  it('lets any live state fail or be cancelled, and no terminal state move on except by retry', () => {
    for (const status of TASK_STATUSES) {
      const terminal = ['completed', 'failed', 'cancelled'].includes(status);
      expect(canTransition(status, 'failed')).toBe(!terminal);
      expect(canTransition(status, 'cancelled')).toBe(!terminal);
    }
    expect(nextStatuses('completed')).toEqual([]);
    expect(canTransition('failed', 'queued')).toBe(true);
  });

  it('pauses only where work is done (planning for a budget, executing, validating) and resumes into work', () => {
    expect(canTransition('executing', 'paused')).toBe(true);
    expect(canTransition('planning', 'paused')).toBe(true);
    expect(canTransition('analysing', 'paused')).toBe(false);
    expect(canTransition('awaiting_plan_approval', 'paused')).toBe(false);
    expect(canTransition('paused', 'executing')).toBe(true);
  });

  it('waits for a clarification only from planning, and goes back only to planning (or is cancelled)', () => {
    expect(canTransition('planning', 'awaiting_clarification')).toBe(true);
    expect(canTransition('awaiting_clarification', 'planning')).toBe(true);
    expect(canTransition('awaiting_clarification', 'cancelled')).toBe(true);
    for (const from of TASK_STATUSES.filter((status) => status !== 'planning'))
      expect(canTransition(from, 'awaiting_clarification')).toBe(false);
    expect(nextStatuses('awaiting_clarification')).toEqual(['planning', 'failed', 'cancelled']);
  });

  it('counts a task waiting for an answer against the concurrent-task quota, as one waiting for approval', () => {
    expect(ACTIVE_TASK_STATUSES).toContain('awaiting_clarification');
    expect(ACTIVE_TASK_STATUSES).toContain('awaiting_plan_approval');
  });

  it('refuses an illegal jump with a message naming both states', () => {
    expect(() => assertTransition('queued', 'publishing')).toThrow(IllegalTaskTransitionError);
    expect(() => assertTransition('queued', 'publishing')).toThrow('A task cannot move from "queued" to "publishing"');
  });
});
