import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { AgentRequestFailed } from '../../../agent-rpc.client';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { applyCandidateChange } from '../candidate-workspace';
import { enterStage, requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';
import { candidateOutcome, recordCandidateChecks } from './run-candidates.node';

/**
 * Best-of-N (ADR 0034): the reviewer chose another candidate at diff approval. Its stored change
 * replaces the one in the task's sandbox and its test results become the task's; the task then
 * goes through the dependency check and the diff again, and waits for approval of the new diff.
 * The gateway let only a finished candidate that passed the tests be chosen.
 */
export function switchCandidateNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType, config?: LangGraphRunnableConfig): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const index = requireBrief(state.candidateSwitch, 'a chosen candidate');
    await enterStage(deps, brief.taskId, 'validating');
    const store = deps.store.candidates();
    const rows = await store.list(brief.taskId, brief.attempt);
    const chosen = rows.find((row) => row.index === index);
    if (!chosen || chosen.status !== 'finished' || !chosen.diff.trim()) {
      throw new AgentRequestFailed({
        category: 'user_correctable',
        message: `candidate ${index} has no change to switch to`,
        recoverable: true,
      });
    }
    await applyCandidateChange(
      deps,
      requireBrief(state.sandboxId, 'a sandbox'),
      requireBrief(state.baseCommit, 'a base commit'),
      chosen.diff,
      config?.signal,
    );
    await store.select(brief.taskId, brief.attempt, index);
    await deps.events.raise(brief.taskId, 'candidate_selected', {
      candidate: index,
      of: rows.length,
      by: 'reviewer',
      reason: 'chosen by a reviewer at diff approval',
    });
    return {
      ...candidateOutcome(state, chosen),
      requiredChecks: await recordCandidateChecks(deps, state, chosen),
      candidateSwitch: null,
      diffRevision: state.diffRevision + 1,
    };
  };
}
