import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { speakSummary } from '../speak-summary';
import { enterStage, requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

/** Closes the task: a written summary on the event stream, a spoken one as audio, the sandbox released. */
export function summariseNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const tests = state.latest?.tests;
    const summary = [
      `Done: ${state.plan?.summary ?? brief.prompt.slice(0, 200)}`,
      tests
        ? `Tests: ${state.baseline?.tests.passed ?? 0} passed / ${state.baseline?.tests.failed ?? 0} failed before, ${tests.passed} passed / ${tests.failed} failed after.`
        : '',
      state.published ? `Pull request #${state.published.number} on ${state.published.branch}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    await deps.events.raise(brief.taskId, 'agent_thought', { message: summary, final: true });
    await speakSummary(deps, brief, state);
    if (state.sandboxId) await deps.sandbox.destroy(state.sandboxId).catch(() => undefined);
    await enterStage(deps, brief.taskId, 'completed');
    return { outcome: 'completed' };
  };
}
