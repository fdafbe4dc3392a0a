import { interrupt } from '@langchain/langgraph';
import { requireBrief } from '../stage';
import type { HumanDecision, TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

/** Waits for a human's decision on the diff; requested changes send the task back to coding. */
export function diffApprovalNode() {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    if (brief.autoApproveDiff) return {};
    const answer = interrupt<{ kind: 'diff'; contentHash: string | null }, HumanDecision>({
      kind: 'diff',
      contentHash: state.diffHash,
    });
    // Best-of-N (ADR 0034): the reviewer chose another candidate; switch_candidate applies it.
    if (answer.selectCandidate !== undefined) return { candidateSwitch: answer.selectCandidate };
    if (answer.decision === 'rejected') {
      return {
        round: 0,
        diffRevision: state.diffRevision + 1,
        codingFeedback: `The reviewer requested changes to your diff:\n${answer.feedback ?? '(no details given)'}`,
      };
    }
    return answer.outOfPlanAcknowledgement ? { outOfPlanAcknowledgement: answer.outOfPlanAcknowledgement } : {};
  };
}
