import type { TaskCheckpointView } from '@patchbay/contracts';
import type { TaskCheckpointEntity } from '@patchbay/persistence';

/** A coding round's stored change (an `attempt_diff` artifact): the workspace snapshot a fork restores. */
export interface WorkspaceSnapshot {
  round: number;
  createdAt: Date;
}

/**
 * Whether a fork can start from the checkpoint (ADR 0036). A fork needs the workspace as it was
 * there: before any coding that is the base commit; after round N it is round N's stored diff,
 * which exists only once that round was validated (and changed something, with no secret in it).
 * Rounds may be numbered again (a diff sent back for changes restarts them), so the diff must be
 * newer than the coding step that made the round's change (`roundStart`: the latest checkpoint
 * after `execute` at or before this one).
 * It also needs somewhere to go on from: before planning (the fork plans with its own model) or
 * with a plan (the fork's plan is approved again, then coding goes on). Not the end of the graph.
 */
export function toCheckpointView(
  checkpoint: TaskCheckpointEntity,
  snapshots: readonly WorkspaceSnapshot[],
  roundStart: Date,
): TaskCheckpointView {
  return {
    checkpointId: checkpoint.checkpointId,
    attempt: checkpoint.attempt,
    node: checkpoint.node,
    next: checkpoint.nextNode,
    round: checkpoint.round,
    hasPlan: checkpoint.hasPlan,
    ...forkability(checkpoint, snapshots, roundStart),
    at: checkpoint.at.toISOString(),
  };
}

function forkability(
  checkpoint: TaskCheckpointEntity,
  snapshots: readonly WorkspaceSnapshot[],
  roundStart: Date,
): Pick<TaskCheckpointView, 'forkable' | 'notForkableBecause'> {
  if (checkpoint.node === null) return refused('it is the start of the attempt: retry the task or start a new one');
  if (checkpoint.nextNode === null) return refused('the attempt had ended here');
  if (!checkpoint.hasPlan && checkpoint.node !== 'analyse')
    return refused('the task had neither a plan nor a fresh analysis here');
  if (checkpoint.round === 0) return { forkable: true, notForkableBecause: null };
  const stored = snapshots.some(
    (snapshot) =>
      snapshot.round === checkpoint.round && snapshot.createdAt >= roundStart && snapshot.createdAt <= checkpoint.at,
  );
  return stored
    ? { forkable: true, notForkableBecause: null }
    : refused(
        `the workspace after round ${checkpoint.round} was not stored here (the round was not validated yet, changed nothing, or its change held a possible secret)`,
      );
}

function refused(reason: string): Pick<TaskCheckpointView, 'forkable' | 'notForkableBecause'> {
  return { forkable: false, notForkableBecause: reason };
}
