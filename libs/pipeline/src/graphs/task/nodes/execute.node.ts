import { MessagePatterns, type CodingResult, type RunCodingStepCommand } from '@patchbay/contracts';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { enterStage, requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

/** Hands the approved plan (and any feedback from the last round) to the coding agent. */
export function executeNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const round = state.round + 1;
    await enterStage(deps, brief.taskId, 'executing');
    const command: RunCodingStepCommand = {
      // Stable per attempt, plan revision, diff revision and round: a replay asks the same question.
      requestId: `${brief.taskId}:${brief.attempt}:code:p${state.planRevision}:d${state.diffRevision}:s${state.resumeRevision}:r${round}`,
      taskId: brief.taskId,
      organisationId: brief.organisationId,
      userId: brief.userId,
      sandboxId: requireBrief(state.sandboxId, 'a sandbox'),
      prompt: brief.prompt,
      plan: requireBrief(state.plan, 'a plan'),
      feedback: state.codingFeedback ?? undefined,
      round,
      constraints: brief.constraints,
      model: brief.model,
    };
    const result = await deps.rpc.call<CodingResult>(MessagePatterns.RunCodingStep, command, deps.timeouts.codingMs);
    await deps.events.raise(brief.taskId, 'agent_thought', {
      message: `Round ${round}: ${result.summary}`,
      filesChanged: result.filesChanged,
      stoppedBecause: result.stoppedBecause,
    });
    return { round, codingFeedback: null };
  };
}
