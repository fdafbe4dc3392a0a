import { MessagePatterns, type RunValidationCommand, type ValidationResult } from '@patchbay/contracts';
import { sandboxImageFor } from '@patchbay/local-forge';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { enterStage, requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

const OVERVIEW_ENTRIES = 300;

/**
 * Prepares the ground: a sandbox with the repository cloned at the base branch, an overview of
 * its files for the planner, and the baseline test run that later failures are judged against.
 */
export function analyseNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    await enterStage(deps, brief.taskId, 'analysing');

    let sandboxId = state.sandboxId;
    let baseCommit = state.baseCommit;
    const image = await sandboxImageFor(brief.barePath, brief.baseBranch);
    if (!sandboxId) {
      const sandbox = await deps.sandbox.create({ taskId: brief.taskId, image, source: { kind: 'local-bare', path: brief.barePath, commit: brief.baseBranch } });
      sandboxId = sandbox.id;
      baseCommit = sandbox.baseCommit;
      await deps.events.raise(brief.taskId, 'agent_thought', { message: `Sandbox ready (${sandbox.runtime}, image ${image}) at ${sandbox.baseCommit.slice(0, 12)}` });
    }
    const listing = await deps.sandbox.list(sandboxId, '.', { recursive: true, maxEntries: OVERVIEW_ENTRIES });
    const overview = listing.entries.map((entry) => `${entry.type === 'directory' ? 'd' : '-'} ${entry.path}`).join('\n');

    const command: RunValidationCommand = {
      requestId: `${brief.taskId}:${brief.attempt}:baseline`,
      taskId: brief.taskId,
      sandboxId,
      phase: 'baseline',
      testCommand: brief.testCommand,
      lintCommand: brief.lintCommand,
    };
    const baseline = await deps.rpc.call<ValidationResult>(MessagePatterns.RunValidation, command, deps.timeouts.validationMs);
    await deps.events.raise(brief.taskId, 'agent_thought', {
      message: `Baseline: ${baseline.tests.passed} passed, ${baseline.tests.failed} failed (${baseline.tests.framework})`,
    });
    return { sandboxId, baseCommit, sandboxImage: image, repositoryOverview: overview, baseline };
  };
}
