import { MessagePatterns, type PreviousRound } from '@patchbay/contracts';
import { BudgetExceededError } from '@patchbay/model';
import { AgentRequestFailed } from '../../../agent-rpc.client';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { codingCommand } from '../coding-command';
import { previousRound } from '../previous-round';
import { enterStage, requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

/**
 * Hands the approved plan to the coding agent; after a validated round also what still fails,
 * with the runner's output, the commands that ran and the workspace's diff, so the model
 * continues from where the last round left off.
 */
export function executeNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const round = state.round + 1;
    await enterStage(deps, brief.taskId, 'executing');
    const sandboxId = requireBrief(state.sandboxId, 'a sandbox');
    // Checked before the round: a round not started is cheaper than one stopped. The lines go with
    // the request, so a coding agent without the database can stop its own calls at them.
    const checked = await deps.models.checkBudget?.(brief.taskId).then(
      (lines) => ({ lines }),
      (error: unknown) => {
        if (error instanceof BudgetExceededError) return { reached: error.reached };
        throw error;
      },
    );
    if (checked && 'reached' in checked) return { budgetStop: { node: 'execute', reached: checked.reached } };
    const command = await codingCommand(deps, state, {
      // Stable per attempt, plan revision, diff revision and round: a replay asks the same question.
      requestId: `${brief.taskId}:${brief.attempt}:code:p${state.planRevision}:d${state.diffRevision}:s${state.resumeRevision}:r${round}`,
      sandboxId,
      round,
      feedback: state.codingFeedback,
      previousRound: await previousRoundOf(deps, state, sandboxId),
      budget: checked?.lines,
    });
    const result = await deps.rpc
      .call(MessagePatterns.RunCodingStep, command, deps.timeouts.codingMs)
      .catch((error: unknown) => {
        // The coder's model call was refused for a budget: the round is not counted, the edits it
        // made stay in the workspace, and the task pauses (budget_pause) until the budget is raised.
        if (error instanceof AgentRequestFailed && error.error.budget) return { budget: error.error.budget } as const;
        throw error;
      });
    if ('budget' in result) return { budgetStop: { node: 'execute', reached: result.budget } };
    await deps.events.raise(brief.taskId, 'agent_thought', {
      message: `Round ${round}: ${result.summary}`,
      filesChanged: result.filesChanged,
      stoppedBecause: result.stoppedBecause,
    });
    return { round, codingFeedback: null, budgetStop: null };
  };
}

/** None before the task's first validation: until then the workspace holds no edits to continue from. */
async function previousRoundOf(
  deps: PipelineDependencies,
  state: TaskGraphStateType,
  sandboxId: string,
): Promise<PreviousRound | undefined> {
  if (!state.verdict || !state.latest) return undefined;
  const { diff } = await deps.sandbox.diff(sandboxId);
  return previousRound(state.verdict, state.latest, diff);
}
