import { interrupt } from '@langchain/langgraph';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { requireBrief } from '../stage';
import type { PauseDecision, TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';
import { describeVerdict, unmetTargets } from '../verdict-report';

/**
 * The rounds are used up and tests still fail: the task pauses with a report and waits for a
 * human: "fix it" (another set of rounds, with the human's note) or "change approach" (back to
 * planning with the note). Cancelling the task aborts it.
 */
export function pauseNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const from = await deps.events.changeStatus(brief.taskId, 'paused');
    if (from !== null) {
      await deps.events.raise(brief.taskId, 'error', {
        category: 'code_logic',
        severity: 'warning',
        recoverable: true,
        message: `Tests still fail after ${state.round} rounds`,
        report: state.verdict ? describeVerdict(state.verdict) : 'The tests did not pass.',
        // Named separately so the dashboard and a GitHub comment can point at what still fails.
        failingTargetTests: state.verdict
          ? unmetTargets(state.verdict).map((target) => ({ ...target.test, status: target.after }))
          : [],
        actions: ['fix_it', 'change_approach', 'abort'],
      });
    }
    const failures = state.verdict ? state.verdict.newFailures.length + unmetTargets(state.verdict).length : 0;
    const answer = interrupt<{ kind: 'paused'; failures: number }, PauseDecision>({ kind: 'paused', failures });
    if (answer.action === 'change_approach') {
      return {
        round: 0,
        resumeRevision: state.resumeRevision + 1,
        planFeedback: answer.note ?? 'The previous approach did not make the tests pass; try a different one.',
        codingFeedback: null,
      };
    }
    return {
      round: 0,
      resumeRevision: state.resumeRevision + 1,
      codingFeedback: `${state.codingFeedback ?? ''}${answer.note ? `\n\nA reviewer adds: ${answer.note}` : ''}`,
    };
  };
}
