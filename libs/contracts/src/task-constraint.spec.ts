import { addTaskConstraintRequestSchema } from './api/task-constraint.api';
import { CONSTRAINABLE_TASK_STATUSES, constraintWidening, mergeTaskConstraints } from './task-constraint';

describe('constraints added while a task runs', () => {
  it('only narrow: files to avoid add up and the lowest limit on changed files wins, whatever the order', () => {
    const base = { avoidFiles: ['package-lock.json'], maxFilesChanged: 5 };
    const additions = [
      { avoidFiles: ['src/config.ts', 'package-lock.json'] },
      { maxFilesChanged: 2 },
      { maxFilesChanged: 4 },
    ];
    expect(mergeTaskConstraints(base, additions)).toEqual({
      avoidFiles: ['package-lock.json', 'src/config.ts'],
      maxFilesChanged: 2,
    });
    expect(mergeTaskConstraints(base, [...additions].reverse())).toEqual({
      avoidFiles: ['package-lock.json', 'src/config.ts'],
      maxFilesChanged: 2,
    });
  });

  it('give a task without rules its first ones, and leave a task without additions as it was', () => {
    expect(mergeTaskConstraints({}, [{ maxFilesChanged: 3 }, { avoidFiles: ['*.lock'] }])).toEqual({
      avoidFiles: ['*.lock'],
      maxFilesChanged: 3,
    });
    expect(mergeTaskConstraints({}, [])).toEqual({});
    expect(mergeTaskConstraints({ maxFilesChanged: 7 }, [{}])).toEqual({ maxFilesChanged: 7 });
  });

  it('refuse a limit that is not lower than the one in force, naming it', () => {
    expect(constraintWidening({ maxFilesChanged: 3 }, { maxFilesChanged: 3 })).toBe(
      'maxFilesChanged: the task already allows at most 3 changed files, and a constraint can only lower the limit',
    );
    expect(constraintWidening({ maxFilesChanged: 3 }, { maxFilesChanged: 8 })).toContain('only lower');
    expect(constraintWidening({ maxFilesChanged: 3 }, { maxFilesChanged: 2 })).toBeNull();
    expect(constraintWidening({}, { maxFilesChanged: 50 })).toBeNull();
    expect(constraintWidening({ maxFilesChanged: 3 }, { avoidFiles: ['a.ts'] })).toBeNull();
  });

  it('are accepted while the task can still code, not once it publishes or has ended', () => {
    expect(CONSTRAINABLE_TASK_STATUSES).toEqual(
      expect.arrayContaining(['queued', 'planning', 'awaiting_plan_approval', 'executing', 'validating', 'paused']),
    );
    for (const late of ['publishing', 'completed', 'failed', 'cancelled'] as const)
      expect(CONSTRAINABLE_TASK_STATUSES).not.toContain(late);
  });

  it('need at least one field, a non-empty note and patterns without ".." segments', () => {
    expect(addTaskConstraintRequestSchema.safeParse({}).error?.issues[0]?.message).toBe(
      'give at least one of note, avoidFiles, maxFilesChanged',
    );
    expect(addTaskConstraintRequestSchema.safeParse({ note: '   ' }).success).toBe(false);
    expect(addTaskConstraintRequestSchema.safeParse({ avoidFiles: ['../etc/passwd'] }).error?.issues[0]?.message).toBe(
      'a pattern must not contain ".." segments',
    );
    expect(addTaskConstraintRequestSchema.safeParse({ maxFilesChanged: 0 }).success).toBe(false);
    expect(addTaskConstraintRequestSchema.safeParse({ note: 'x', extra: true }).success).toBe(false);
    expect(addTaskConstraintRequestSchema.parse({ note: '  keep the API stable  ' })).toEqual({
      note: 'keep the API stable',
    });
  });
});
