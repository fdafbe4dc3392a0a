import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import {
  judgeValidation,
  MessagePatterns,
  summariseRequiredChecks,
  type RunValidationCommand,
} from '@patchbay/contracts';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { storeAttemptDiff } from '../attempt-diff';
import { describeFailedChecks, recordRequiredChecks } from '../required-checks';
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
      ...(brief.requiredChecks?.length ? { requiredChecks: brief.requiredChecks } : {}),
    };
    // The checks' whole output is stored as artifacts, not kept in the checkpointed state.
    const { requiredChecks: checkRuns, ...latest } = await deps.rpc.call(
      MessagePatterns.RunValidation,
      command,
      deps.timeouts.validationMs,
    );
    const requiredChecks = await recordRequiredChecks(
      deps,
      brief,
      { runId: command.requestId, round: state.round },
      checkRuns ?? [],
    );
    // The Diff tab shows each attempt's change beside its test results.
    await storeAttemptDiff(deps, brief.taskId, command.sandboxId, state.round, config?.signal);
    const verdict = judgeValidation(state.baseline, latest, {
      targetTests: state.plan?.targetTests ?? [],
      allowPreexistingFailures: brief.allowPreexistingFailures ?? true,
    });
    const checks = summariseRequiredChecks(requiredChecks);
    const feedback = [verdict.done ? '' : verdictHeadline(verdict), describeFailedChecks(checks.blocking)].filter(
      (part) => part !== '',
    );
    return {
      latest,
      verdict,
      requiredChecks,
      // The failing tests' output and the current diff go with the next coding request (execute node); so do failing required checks.
      codingFeedback: feedback.length > 0 ? feedback.join('\n\n') : null,
    };
  };
}
