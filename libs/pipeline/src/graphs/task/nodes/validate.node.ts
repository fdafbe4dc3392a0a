import { MessagePatterns, newFailures, type RunValidationCommand, type TestFailure, type ValidationResult } from '@patchbay/contracts';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { enterStage, requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

/** Test and lint failures that were not already failing on the base commit: only these count against a change. */
export function newFailuresAgainst(baseline: ValidationResult | null, latest: ValidationResult): TestFailure[] {
  return newFailures(
    [...(baseline?.tests.failures ?? []), ...(baseline?.lint?.failures ?? [])],
    [...latest.tests.failures, ...(latest.lint?.failures ?? [])],
  );
}

export function describeFailures(failures: TestFailure[]): string {
  return failures.map((f) => `- ${f.name}${f.file ? ` (${f.file})` : ''}: ${f.message.slice(0, 500)}`).join('\n');
}

/** Runs the repository's tests after a round of edits and judges them against the baseline. */
export function validateNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    await enterStage(deps, brief.taskId, 'validating');
    const command: RunValidationCommand = {
      requestId: `${brief.taskId}:${brief.attempt}:validate:p${state.planRevision}:d${state.diffRevision}:s${state.resumeRevision}:r${state.round}`,
      taskId: brief.taskId,
      sandboxId: requireBrief(state.sandboxId, 'a sandbox'),
      phase: 'after',
      testCommand: brief.testCommand,
      lintCommand: brief.lintCommand,
    };
    const latest = await deps.rpc.call<ValidationResult>(MessagePatterns.RunValidation, command, deps.timeouts.validationMs);
    const newFailures = newFailuresAgainst(state.baseline, latest);
    // A baseline failure the change fixed is progress, not a regression; a suite that no longer
    // runs at all (no results, non-zero exit) is a regression even without named failures.
    if (newFailures.length === 0 && latest.tests.exitCode !== 0 && latest.tests.passed + latest.tests.failed === 0) {
      newFailures.push({ name: 'test suite', message: `the test command exited with ${latest.tests.exitCode}: ${latest.tests.outputTail.slice(-500)}` });
    }
    return {
      latest,
      newFailures,
      codingFeedback: newFailures.length > 0 ? `These tests fail after your changes and did not fail before:\n${describeFailures(newFailures)}` : null,
    };
  };
}
