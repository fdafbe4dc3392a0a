import { interrupt } from '@langchain/langgraph';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

/**
 * A model call was refused because a budget is reached: the task pauses with the figures and
 * waits. The gateway refuses to resume it while the budget is still reached; once resumed, the
 * graph goes back to the node that was stopped (the plan or the coding round), whose earlier
 * steps stay checkpointed and whose sandbox edits stay in the workspace. Should that node meet
 * a budget again it comes back here, to a new interrupt: a resume never loops.
 */
export function budgetPauseNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const stop = requireBrief(state.budgetStop, 'a budget stop');
    const from = await deps.events.changeStatus(brief.taskId, 'paused');
    if (from !== null) {
      await deps.events.raise(brief.taskId, 'error', {
        category: 'user_correctable',
        severity: 'warning',
        recoverable: true,
        message: stop.reached.message,
        report: `The ${stop.node === 'draft_plan' ? 'planner' : 'coding agent'} was stopped before its next model call: ${stop.reached.message}. Raise the budget, then resume the task; it continues where it stopped.`,
        budget: stop.reached,
        actions: ['raise_budget', 'resume', 'abort'],
      });
    }
    interrupt<{ kind: 'budget'; scope: string }, unknown>({ kind: 'budget', scope: stop.reached.scope });
    // A new revision: the coding agent remembers answers by request id, and the stopped round's
    // answer (the refusal) must not be replayed.
    return { resumeRevision: state.resumeRevision + 1 };
  };
}
