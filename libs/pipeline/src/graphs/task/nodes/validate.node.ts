import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { judgeValidation, MessagePatterns, type RunValidationCommand } from '@patchbay/contracts';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { storeAttemptDiff } from '../attempt-diff';
import { enterStage, requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';
import { verdictHeadline } from '../verdict-report';

/** Runs the repository's tests after a round of edits and judges the change (judgeValidation owns the rule). */
export function validateNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType, config?: LangGraphRunnableConfig): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    await enterStage(deps, brief.taskId, 'validating');
    const command: RunValidationCommand = {
      requestId: `${brief.taskId}:${brief.attempt}:validate:p${state.planRevision}:d${state.diffRevision}:s${state.resumeRevision}:r${state.round}`,
      taskId: brief.taskId,
      sandboxId: requireBrief(state.sandboxId, 'a sandbox'),
      phase: 'after',
      testCommand: brief.testCommand,
      lintCommand: brief.lintCommand,
      lintMode: brief.lintMode,
    };
    const latest = await deps.rpc.call(MessagePatterns.RunValidation, command, deps.timeouts.validationMs);
    // The Diff tab shows each attempt's change beside its test results.
    await storeAttemptDiff(deps, brief.taskId, command.sandboxId, state.round, config?.signal);
    const verdict = judgeValidation(state.baseline, latest, {
      targetTests: state.plan?.targetTests ?? [],
      allowPreexistingFailures: brief.allowPreexistingFailures ?? true,
    });
    return {
      latest,
      verdict,
      // The failing tests' output and the current diff go with the next coding request (execute node).
      codingFeedback: verdict.done ? null : verdictHeadline(verdict),
    };
  };
}
