import { interrupt } from '@langchain/langgraph';
import { summariseRequiredChecks, type RequiredCheckResult } from '@patchbay/contracts';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { describeFailedChecks } from '../required-checks';
import { enterStage, requireBrief } from '../stage';
import type { PauseDecision, TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

/**
 * The change is done but required checks still fail after the last round: the task pauses before
 * its diff is presented, and nothing reaches diff approval until each failing check is waived by a
 * person with a reason (`POST /tasks/:id/checks/:name/waive`; the gateway records and audits it,
 * then resumes the task) — or a person sends it back to coding ("fix it") or planning ("change
 * approach"). The waivers are read from the task's log each time the node runs, so a waiver given
 * while the node waits is seen when it is resumed.
 */
export function requiredChecksNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const checks = await currentChecks(deps, state);
    const { blocking, settled } = summariseRequiredChecks(checks);
    if (settled) {
      await enterStage(deps, brief.taskId, 'validating');
      await deps.events.raise(brief.taskId, 'agent_thought', {
        message: `Required checks waived (${checks
          .filter((check) => check.waiver)
          .map((check) => `${check.name} by ${check.waiver?.by}`)
          .join(', ')}); the change goes on to its diff`,
      });
      return { requiredChecks: checks, codingFeedback: null };
    }
    const from = await deps.events.changeStatus(brief.taskId, 'paused');
    if (from !== null) {
      await deps.events.raise(brief.taskId, 'error', {
        category: 'code_logic',
        severity: 'warning',
        recoverable: true,
        message: `Required check(s) still fail after ${state.round} rounds: ${blocking.map((check) => check.name).join(', ')}. Waive each with a reason, or send the task back.`,
        report: describeFailedChecks(blocking),
        failedChecks: blocking.map((check) => check.name),
        actions: ['fix_it', 'change_approach', 'abort'],
      });
    }
    const answer = interrupt<{ kind: 'paused'; failures: number }, PauseDecision>({
      kind: 'paused',
      failures: blocking.length,
    });
    if (answer.action === 'change_approach') {
      return {
        requiredChecks: checks,
        round: 0,
        resumeRevision: state.resumeRevision + 1,
        planFeedback:
          answer.note ?? 'The previous approach did not make the required checks pass; try a different one.',
        codingFeedback: null,
      };
    }
    if (answer.action === 'fix_it') {
      return {
        requiredChecks: checks,
        round: 0,
        resumeRevision: state.resumeRevision + 1,
        codingFeedback: `${describeFailedChecks(blocking)}${answer.note ? `\n\nA reviewer adds: ${answer.note}` : ''}`,
      };
    }
    // `resume` without every failing check waived: wait here again.
    return { requiredChecks: checks, codingFeedback: null };
  };
}

/** Where the gate leads: on to the diff once settled, back to planning or coding when a person said so, else it waits again. */
export function afterRequiredChecks(
  state: TaskGraphStateType,
): 'check_dependencies' | 'draft_plan' | 'execute' | 'required_checks' {
  if (summariseRequiredChecks(state.requiredChecks).settled) return 'check_dependencies';
  if (state.planFeedback) return 'draft_plan';
  return state.codingFeedback ? 'execute' : 'required_checks';
}

/** The latest run's checks with the waivers recorded so far; the state's own copy when the log has none (a run before this existed). */
async function currentChecks(deps: PipelineDependencies, state: TaskGraphStateType): Promise<RequiredCheckResult[]> {
  const brief = requireBrief(state.brief, 'a task brief');
  const recorded = await deps.store.requiredChecks(brief.taskId, brief.attempt);
  return recorded.length > 0 ? recorded : state.requiredChecks;
}
