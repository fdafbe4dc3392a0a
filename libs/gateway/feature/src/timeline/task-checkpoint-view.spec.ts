import type { TaskCheckpointEntity } from '@patchbay/persistence';
import { toCheckpointView } from './task-checkpoint-view';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

function checkpoint(node: string | null, next: string | null, round: number, second: number): TaskCheckpointEntity {
  return {
    id: `row-${second}`,
    taskId: 't',
    attempt: 1,
    threadId: 't:1',
    checkpointId: `cp-${second}`,
    node,
    nextNode: next,
    step: second,
    round,
    hasPlan: node !== 'analyse' && node !== null,
    at: at(second),
  };
}

describe('toCheckpointView', () => {
  const diffs = [
    { round: 1, createdAt: at(12) }, // after round 1's validation
    { round: 1, createdAt: at(32) }, // round 1 again, after the diff was sent back for changes
  ];

  it('restores before coding from the base commit, after a validated round from its stored diff', () => {
    expect(toCheckpointView(checkpoint('analyse', 'draft_plan', 0, 2), diffs, at(0)).forkable).toBe(true);
    expect(toCheckpointView(checkpoint('draft_plan', 'plan_approval', 0, 4), diffs, at(0)).forkable).toBe(true);
    expect(toCheckpointView(checkpoint('validate', 'check_dependencies', 1, 13), diffs, at(10)).forkable).toBe(true);
  });

  it('refuses a round whose change is not stored yet, even when an earlier round of that number was', () => {
    // The second "after execute (round 1)": the diff at 12 s is the first round 1's, not this one's.
    const view = toCheckpointView(checkpoint('execute', 'validate', 1, 30), diffs, at(30));
    expect(view).toMatchObject({ forkable: false });
    expect(view.notForkableBecause).toContain('the workspace after round 1 was not stored here');
  });

  it('refuses the start and the end of an attempt', () => {
    expect(toCheckpointView(checkpoint(null, 'analyse', 0, 1), diffs, at(1)).notForkableBecause).toBe(
      'it is the start of the attempt: retry the task or start a new one',
    );
    expect(toCheckpointView(checkpoint('summarise', null, 1, 40), diffs, at(30)).notForkableBecause).toBe(
      'the attempt had ended here',
    );
  });
});
