import { createHash } from 'node:crypto';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import {
  judgeValidation,
  MessagePatterns,
  type RequiredCheckResult,
  type RunValidationCommand,
  type ValidationResult,
  type ValidationVerdict,
} from '@patchbay/contracts';
import { BudgetExceededError } from '@patchbay/model';
import type { TaskCandidateEntity } from '@patchbay/persistence';
import { scanDiff } from '@patchbay/secret-scan';
import { AgentRequestAbandoned, AgentRequestFailed } from '../../../agent-rpc.client';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { TaskSandboxLifecycle } from '../../../task-sandbox-lifecycle';
import { applyCandidateChange, changedLinesOf } from '../candidate-workspace';
import { codingCommand } from '../coding-command';
import { createTaskSandbox } from '../create-task-sandbox';
import { previousRound } from '../previous-round';
import { checkResultOf, describeFailedChecks, recordRequiredChecks } from '../required-checks';
import { selectCandidate, type CandidateStanding } from '../select-candidate';
import { enterStage, requireBrief } from '../stage';
import { TaskCancelledError } from '../task-cancelled.error';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';
import { verdictHeadline } from '../verdict-report';
import { installDependencies } from './analyse.node';

/** What one candidate's loop left: the row as stored (finished or failed). */
type CandidateRow = Pick<
  TaskCandidateEntity,
  'index' | 'status' | 'rounds' | 'done' | 'checksPassed' | 'validation' | 'newFailures' | 'changedLines' | 'diff'
>;

/**
 * Best-of-N (ADR 0034): after the plan is approved, N candidates run the coding ⇄ validation loop
 * in parallel, each in its own sandbox cloned at the base commit and set up like the task's, each
 * with its own model conversation (told it is candidate k of N). The selection rule
 * (`selectCandidate`) picks one; its change is applied to the task's own sandbox, which goes on to
 * the diff and publishing as usual, and every candidate sandbox is removed. The candidates' diffs
 * stay in `task_candidates`, so a reviewer can switch to another at diff approval.
 *
 * Checkpoint safety: one node, whose results are stored per candidate in `task_candidates` (ADR
 * 0034). A supervisor that restarts inside this node runs it again: candidates stored as finished
 * or failed are taken as they are; a candidate that was still running has its sandbox removed and
 * starts again in a new one. Its agent request ids carry the sandbox id, so a restarted candidate
 * never receives the remembered answers of its previous sandbox.
 */
export function runCandidatesNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType, config?: LangGraphRunnableConfig): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const primary = requireBrief(state.sandboxId, 'a sandbox');
    const baseCommit = requireBrief(state.baseCommit, 'a base commit');
    const of = brief.candidates ?? 1;
    const signal = config?.signal;
    await enterStage(deps, brief.taskId, 'executing');
    const store = deps.store.candidates();
    const stored = await store.list(brief.taskId, brief.attempt);
    const rows = await Promise.all(
      Array.from({ length: of }, (_, i) => i + 1).map((index) => {
        const row = stored.find((candidate) => candidate.index === index);
        if (row && row.status !== 'running') return row;
        return runCandidate(deps, state, index, of, row?.sandboxId ?? null, signal);
      }),
    );
    await removeCandidateSandboxes(deps, brief.taskId, brief.attempt);
    await enterStage(deps, brief.taskId, 'validating');
    const choice = selectCandidate(rows.map(standingOf));
    if (!choice) {
      throw new AgentRequestFailed({
        category: 'code_logic',
        message: `none of the ${of} candidates finished with a change (see the candidate_finished events)`,
        recoverable: true,
      });
    }
    const chosen = rows.find((row) => row.index === choice.index)!;
    await applyCandidateChange(deps, primary, baseCommit, chosen.diff, signal);
    await store.select(brief.taskId, brief.attempt, chosen.index);
    await deps.events.raise(brief.taskId, 'candidate_selected', {
      candidate: chosen.index,
      of,
      by: 'supervisor',
      reason: choice.reason,
    });
    return {
      ...candidateOutcome(state, chosen),
      requiredChecks: await recordCandidateChecks(deps, state, chosen),
      candidatesRun: true,
    };
  };
}

/** The graph's view of the candidate the task now carries: its last test run and verdict, as if the task had run it. */
export function candidateOutcome(
  state: TaskGraphStateType,
  row: Pick<CandidateRow, 'validation' | 'rounds'>,
): Pick<TaskGraphUpdate, 'latest' | 'verdict' | 'round' | 'codingFeedback' | 'budgetStop'> {
  // The checks' whole output is stored as artifacts when recorded (recordCandidateChecks), not kept in the checkpointed state.
  const { requiredChecks: _checkRuns, ...latest } = requireBrief(row.validation, "the candidate's test results");
  const verdict = judge(state, latest);
  return {
    latest,
    verdict,
    round: row.rounds,
    // The failing tests' output and the current diff go with a later coding request (execute node).
    codingFeedback: verdict.done ? null : verdictHeadline(verdict),
    budgetStop: null,
  };
}

/**
 * The chosen candidate's required checks (its last validation ran them) become the task's record,
 * so the gate before the diff and the gateway's diff approval judge the change that is published.
 */
export function recordCandidateChecks(
  deps: PipelineDependencies,
  state: TaskGraphStateType,
  row: Pick<CandidateRow, 'index' | 'rounds' | 'validation'>,
): Promise<RequiredCheckResult[]> {
  const brief = requireBrief(state.brief, 'a task brief');
  const runId = `${brief.taskId}:${brief.attempt}:candidate${row.index}:r${row.rounds}`;
  return recordRequiredChecks(deps, brief, { runId, round: row.rounds }, row.validation?.requiredChecks ?? []);
}

function judge(state: TaskGraphStateType, latest: ValidationResult): ValidationVerdict {
  return judgeValidation(state.baseline, latest, {
    targetTests: state.plan?.targetTests ?? [],
    allowPreexistingFailures: state.brief?.allowPreexistingFailures ?? true,
  });
}

function candidateFeedback(verdict: ValidationVerdict, failedChecks: readonly RequiredCheckResult[]): string {
  return [verdict.done ? '' : verdictHeadline(verdict), describeFailedChecks(failedChecks)]
    .filter((part) => part !== '')
    .join('\n\n');
}

function standingOf(row: CandidateRow): CandidateStanding {
  return {
    index: row.index,
    finished: row.status === 'finished',
    ...(row.checksPassed === null ? {} : { checksPassed: row.checksPassed }),
    done: row.done,
    newFailures: row.newFailures,
    changedLines: row.changedLines,
    changed: row.diff.trim().length > 0,
  };
}

/** One candidate: its own sandbox, then up to `maxRounds` coding rounds each followed by the tests, stored when it ends. */
async function runCandidate(
  deps: PipelineDependencies,
  state: TaskGraphStateType,
  index: number,
  of: number,
  leftOver: string | null,
  signal?: AbortSignal,
): Promise<CandidateRow> {
  const brief = requireBrief(state.brief, 'a task brief');
  const store = deps.store.candidates();
  const lifecycle = new TaskSandboxLifecycle(deps.sandbox, deps.sandboxPausedTtlMs);
  // Left half-way by a supervisor that stopped: its workspace holds an unknown part of a round.
  await lifecycle.release(leftOver);
  let sandboxId: string | null = null;
  let rounds = 0;
  try {
    const { sandbox, install } = await createTaskSandbox(deps, brief, {
      image: state.sandboxImage,
      commit: requireBrief(state.baseCommit, 'a base commit'),
    });
    sandboxId = sandbox.id;
    await store.start(brief.taskId, brief.attempt, index, sandbox.id).catch(async (error: unknown) => {
      // Not on record, so nothing else could find and remove it.
      await lifecycle.release(sandbox.id).catch(() => undefined);
      sandboxId = null;
      throw error;
    });
    await deps.events.raise(brief.taskId, 'candidate_started', { candidate: index, of });
    if (install) await installDependencies(deps, brief, sandbox.id, signal);

    let latest: ValidationResult | null = null;
    let verdict: ValidationVerdict | null = null;
    let failedChecks: RequiredCheckResult[] = [];
    // The sandbox id is part of every request id: a candidate restarted in a new sandbox asks anew.
    const requestPrefix = `${brief.taskId}:${brief.attempt}:candidate${index}:${sandbox.id}`;
    // Like the task's own loop: a change is done when its tests are judged done and its required checks pass.
    while (rounds < deps.maxRounds && !(verdict?.done && failedChecks.length === 0)) {
      const round = rounds + 1;
      const budget = await deps.models.checkBudget?.(brief.taskId);
      const previous =
        verdict && latest
          ? previousRound(verdict, latest, (await deps.sandbox.diff(sandbox.id, signal)).diff)
          : undefined;
      const command = await codingCommand(deps, state, {
        requestId: `${requestPrefix}:code:r${round}`,
        sandboxId: sandbox.id,
        round,
        feedback: verdict ? candidateFeedback(verdict, failedChecks) : null,
        previousRound: previous,
        budget,
        candidate: { index, of },
      });
      const result = await deps.rpc.call(MessagePatterns.RunCodingStep, command, deps.timeouts.codingMs);
      await deps.events.raise(brief.taskId, 'agent_thought', {
        message: `Candidate ${index} of ${of}, round ${round}: ${result.summary}`,
        filesChanged: result.filesChanged,
        stoppedBecause: result.stoppedBecause,
      });
      const validation: RunValidationCommand = {
        requestId: `${requestPrefix}:validate:r${round}`,
        taskId: brief.taskId,
        sandboxId: sandbox.id,
        phase: 'after',
        testCommand: brief.testCommand,
        lintCommand: brief.lintCommand,
        lintMode: brief.lintMode,
        ...(brief.requiredChecks?.length ? { requiredChecks: brief.requiredChecks } : {}),
      };
      latest = await deps.rpc.call(MessagePatterns.RunValidation, validation, deps.timeouts.validationMs);
      verdict = judge(state, latest);
      failedChecks = (latest.requiredChecks ?? [])
        .filter((check) => check.status !== 'passed')
        .map((check) => checkResultOf(check, { runId: validation.requestId, round }, null));
      rounds = round;
    }
    return await finish(deps, state, index, of, sandbox.id, rounds, latest, verdict, signal);
  } catch (error) {
    // Cancelled: this candidate's sandbox goes now, as it may have been made after the task's sandboxes were released.
    if (signal?.aborted || error instanceof TaskCancelledError) {
      if (sandboxId) await lifecycle.release(sandboxId).catch(() => undefined);
      throw error;
    }
    // The supervisor is stopping: the candidate is not failed; the next supervisor restarts it (ADR 0034).
    if (error instanceof AgentRequestAbandoned) throw error;
    const message = reasonOf(error);
    const row: CandidateRow = {
      index,
      status: 'failed',
      rounds,
      done: false,
      checksPassed: null,
      validation: null,
      newFailures: 0,
      changedLines: 0,
      diff: '',
    };
    if (sandboxId) {
      await store.finish(brief.taskId, brief.attempt, index, {
        ...row,
        failingTargetTests: 0,
        filesChanged: [],
        diffSha256: null,
        error: message,
      });
    }
    await deps.events.raise(brief.taskId, 'candidate_finished', {
      candidate: index,
      of,
      done: false,
      rounds,
      tests: null,
      newFailures: 0,
      changedLines: 0,
      error: message,
    });
    return row;
  }
}

/** Stores what the candidate's loop ended with; a change that looks like it holds a secret is not kept. */
async function finish(
  deps: PipelineDependencies,
  state: TaskGraphStateType,
  index: number,
  of: number,
  sandboxId: string,
  rounds: number,
  latest: ValidationResult | null,
  verdict: ValidationVerdict | null,
  signal?: AbortSignal,
): Promise<CandidateRow> {
  const brief = requireBrief(state.brief, 'a task brief');
  const { diff, files } = await deps.sandbox.diff(sandboxId, signal);
  const secret = (await scanDiff(diff)).length > 0;
  const row: CandidateRow = {
    index,
    status: secret ? 'failed' : 'finished',
    rounds,
    done: !secret && verdict?.done === true,
    // Null when the repository requires no checks (the selection then treats them as passed).
    checksPassed: latest?.requiredChecks?.length
      ? latest.requiredChecks.every((check) => check.status === 'passed')
      : null,
    validation: latest,
    newFailures: verdict?.newFailures.length ?? 0,
    changedLines: secret ? 0 : changedLinesOf(files),
    diff: secret ? '' : diff,
  };
  const failingTargetTests = verdict?.targets.filter((target) => target.after !== 'passed').length ?? 0;
  const error = secret ? 'its change looks like it contains a secret; it was not kept' : null;
  await deps.store.candidates().finish(brief.taskId, brief.attempt, index, {
    ...row,
    failingTargetTests,
    filesChanged: secret ? [] : files.map((file) => file.path),
    diffSha256: row.diff ? createHash('sha256').update(row.diff).digest('hex') : null,
    error,
  });
  await deps.events.raise(brief.taskId, 'candidate_finished', {
    candidate: index,
    of,
    done: row.done,
    rounds,
    tests: latest ? { passed: latest.tests.passed, failed: latest.tests.failed } : null,
    newFailures: row.newFailures,
    changedLines: row.changedLines,
    ...(error ? { error } : {}),
  });
  return row;
}

/** Every candidate sandbox of the task attempt is removed; their diffs stay for the reviewer. */
export async function removeCandidateSandboxes(
  deps: PipelineDependencies,
  taskId: string,
  attempt: number,
): Promise<void> {
  const store = deps.store.candidates();
  const lifecycle = new TaskSandboxLifecycle(deps.sandbox, deps.sandboxPausedTtlMs);
  for (const row of await store.list(taskId, attempt)) {
    if (!row.sandboxId) continue;
    await lifecycle.release(row.sandboxId);
    await store.forgetSandbox(taskId, attempt, row.index);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AgentRequestFailed) return error.error.message;
  if (error instanceof BudgetExceededError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
