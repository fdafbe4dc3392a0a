import {
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

  it('refuses an illegal jump with a message naming both states', () => {
    expect(() => assertTransition('queued', 'publishing')).toThrow(IllegalTaskTransitionError);
    expect(() => assertTransition('queued', 'publishing')).toThrow('A task cannot move from "queued" to "publishing"');
  });
});
