import { interrupt } from '@langchain/langgraph';
import { planContentHash } from '@patchbay/persistence';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { requireBrief } from '../stage';
import type { HumanDecision, TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

/**
 * Waits for a human's decision on the plan (a LangGraph interrupt, resumed by the gateway's
 * approval). Nothing before `interrupt` has side effects: the node re-runs from the top on resume.
 */
export function planApprovalNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const plan = requireBrief(state.plan, 'a plan');
    if (brief.autoApprovePlan) return {};
    const answer = interrupt<{ kind: 'plan'; contentHash: string | null }, HumanDecision>({
      kind: 'plan',
      contentHash: state.planHash,
    });
    if (answer.decision === 'rejected') {
      return {
        planFeedback: answer.feedback ?? 'The plan was rejected without feedback; propose a different approach.',
      };
    }
    if (answer.editedSteps || answer.editedTargetTests) {
      const edited = {
        summary: plan.summary,
        steps: answer.editedSteps ?? plan.steps,
        targetTests: answer.editedTargetTests ?? plan.targetTests,
      };
      await deps.events.raise(brief.taskId, 'agent_thought', {
        message: `Continuing with the plan as edited (${count(edited.steps.length, 'step')}, ${count(edited.targetTests.length, 'target test')})`,
        targetTests: edited.targetTests,
      });
      return { plan: edited, planHash: planContentHash(edited), planFeedback: null };
    }
    return { planFeedback: null };
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
