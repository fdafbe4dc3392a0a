import { Command } from '@langchain/langgraph';
import type {
  AgentError,
  AnswerClarificationCommand,
  ResolveApprovalCommand,
  StartTaskCommand,
} from '@patchbay/contracts';
import { ModelConfigurationError } from '@patchbay/model';
import { AgentRequestFailed } from './agent-rpc.client';
import { recordCheckpoints } from './checkpoint-record';
import type { TaskGraph } from './graphs/task';
import { TaskCancelledError } from './graphs/task/task-cancelled.error';
import { removeCandidateSandboxes } from './graphs/task/nodes/run-candidates.node';
import type { ClarificationAnswer, HumanDecision, PauseDecision, TaskBrief } from './graphs/task/task-graph.state';
import type { PipelineDependencies } from './pipeline-dependencies';
import type { TaskLease } from './task-lease';
import { awaitsHuman, sandboxIdOf, TaskSandboxLifecycle } from './task-sandbox-lifecycle';
import { traceTaskRun } from './task-run-tracing';
import { startForkThread } from './task-fork';

export interface TaskRunnerLog {
  log(message: Record<string, unknown>): void;
  error(message: Record<string, unknown>): void;
}

/**
 * Drives tasks through the graph. Each attempt of a task is one LangGraph thread
 * (`<taskId>:<attempt>`); starting, resuming after an approval and resuming after a crash are
 * all "invoke the thread", under a lease so a task never runs twice at once.
 */
export class TaskRunner {
  private readonly running = new Map<string, Promise<void>>();
  /** The abort switch of each task's current run in this process (see `abort`). */
  private readonly aborts = new Map<string, AbortController>();
  private readonly sandboxes: TaskSandboxLifecycle;

  constructor(
    private readonly graph: TaskGraph,
    private readonly deps: PipelineDependencies,
    private readonly lease: TaskLease,
    private readonly logger: TaskRunnerLog,
  ) {
    this.sandboxes = new TaskSandboxLifecycle(deps.sandbox, deps.sandboxPausedTtlMs);
  }

  /** Starts (or continues) a task's current attempt without waiting for it: bus handlers must stay short. */
  start(command: StartTaskCommand): void {
    this.launch(command.taskId, command.attempt, async (signal) => {
      const loaded = await this.deps.store.loadTask(command.taskId);
      if (!loaded || loaded.task.attempt !== command.attempt) return; // a stale start for an older attempt
      const config = this.threadConfig(command.taskId, command.attempt);
      const snapshot = await this.graph.getState(config);
      const fresh = !snapshot.values || !('brief' in snapshot.values) || snapshot.values.brief === null;
      // A fork's thread starts as a copy of its parent's checkpoint (ADR 0036), then runs on from there.
      const forked = fresh && loaded.task.forkedFromCheckpoint !== null;
      if (forked) await startForkThread(this.graph, this.deps, loaded, config, signal);
      await this.graph.invoke(fresh && !forked ? { brief: this.brief(loaded) } : null, { ...config, signal });
      await this.afterRun(command.taskId, command.attempt);
    });
  }

  /** Resumes the interrupted thread with a human's decision on a plan or a diff. */
  resolve(command: ResolveApprovalCommand, attempt: number): void {
    this.resume(command.taskId, attempt, {
      decision: command.decision,
      feedback: command.feedback,
      editedSteps: command.editedSteps,
      editedTargetTests: command.editedTargetTests,
      outOfPlanAcknowledgement: command.outOfPlanAcknowledgement,
      ...(command.selectCandidate === undefined ? {} : { selectCandidate: command.selectCandidate }),
    });
  }

  /** Resumes the thread waiting on the planner's question with the requester's answer (ADR 0026). */
  answer(command: AnswerClarificationCommand, attempt: number): void {
    this.resume(command.taskId, attempt, {
      answer: command.answer,
      answeredBy: command.answeredBy,
      via: command.via,
      questionNumber: command.questionNumber,
    });
  }

  /**
   * Resumes whatever interrupt the thread waits at (plan, diff, a question, or a pause) with a decision. The
   * task's status says "awaiting approval" a moment before the run that reached the interrupt has
   * finished checkpointing it; a decision arriving in that moment waits for the run, not dropped.
   */
  resume(taskId: string, attempt: number, decision: HumanDecision | PauseDecision | ClarificationAnswer): void {
    this.launchAfterCurrent(taskId, attempt, async (signal) => {
      const config = this.threadConfig(taskId, attempt);
      await this.sandboxes.reclaim(sandboxIdOf(await this.graph.getState(config)));
      await this.graph.invoke(new Command({ resume: decision }), { ...config, signal });
      await this.afterRun(taskId, attempt);
    });
  }

  /** A cancelled task's sandbox is released at once, whether or not a step is running. */
  async cancel(taskId: string, attempt: number): Promise<void> {
    this.abort(taskId);
    await this.releaseSandbox(taskId, attempt);
  }

  /**
   * Stops the task's run in this process now: the graph run's signal aborts, which rejects the
   * run at once (LangGraph races the running step against it) and aborts what the step had in
   * flight with it — the model call's HTTP request, the sandbox request (the sandbox kills the
   * command). The run then ends as cancelled: no error, no status change, no further event.
   * Returns whether a run was aborted; every supervisor instance hears the cancellation
   * broadcast, and only the one running the task has something to abort.
   */
  abort(taskId: string): boolean {
    const controller = this.aborts.get(taskId);
    if (!controller || controller.signal.aborted) return false;
    controller.abort(new TaskCancelledError(taskId));
    this.logger.log({ msg: 'task cancelled; supervisor run aborted', taskId });
    return true;
  }

  /** After a restart: continue every task that was mid-stage when the previous process stopped. */
  async resumeInFlight(): Promise<number> {
    return this.resumeStranded(null);
  }

  /**
   * Starts every task that should be running but runs nowhere in this process: mid-stage, and —
   * unless `queuedForMs` is null — queued for longer than `queuedForMs` (its start command was
   * lost; if it still arrives, it finds the task running and is a duplicate). Run periodically,
   * so a task survives losing its start command or its run without any supervisor restarting. A
   * task running in another supervisor is skipped by the lease; a finished thread invoked again
   * runs no node.
   */
  async resumeStranded(queuedForMs: number | null): Promise<number> {
    const ids = await this.deps.store.inFlightTaskIds(
      queuedForMs === null ? {} : { queuedBefore: new Date(Date.now() - queuedForMs) },
    );
    let started = 0;
    for (const taskId of ids) {
      if (this.running.has(taskId)) continue;
      const loaded = await this.deps.store.loadTask(taskId);
      if (!loaded) continue;
      this.start({
        taskId,
        organisationId: loaded.task.organisationId,
        attempt: loaded.task.attempt,
        idempotencyKey: `${taskId}:${loaded.task.attempt}`,
      });
      started++;
    }
    return started;
  }

  /** Resolves when every run started so far has settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private launchAfterCurrent(taskId: string, attempt: number, work: (signal: AbortSignal) => Promise<void>): void {
    const current = this.running.get(taskId);
    if (current) void current.finally(() => this.launchAfterCurrent(taskId, attempt, work));
    else this.launch(taskId, attempt, work);
  }

  private launch(taskId: string, attempt: number, work: (signal: AbortSignal) => Promise<void>): void {
    if (this.running.has(taskId)) {
      this.logger.log({ msg: 'task already running in this process; ignoring the duplicate', taskId });
      return;
    }
    const controller = new AbortController();
    this.aborts.set(taskId, controller);
    const run = (async () => {
      const release = await this.lease.tryAcquire(taskId);
      if (!release) {
        this.logger.log({ msg: 'another supervisor holds the task; not running it here', taskId });
        return;
      }
      try {
        await traceTaskRun(this.deps.store, taskId, attempt, () => work(controller.signal));
      } catch (error) {
        // An aborted run rejects with LangGraph's own "Abort" (or whatever the aborted call threw): the signal says why.
        await this.fail(taskId, attempt, controller.signal.aborted ? controller.signal.reason : error);
      } finally {
        await this.recordCheckpoints(taskId, attempt);
        await release();
      }
    })().finally(() => {
      this.running.delete(taskId);
      if (this.aborts.get(taskId) === controller) this.aborts.delete(taskId);
    });
    this.running.set(taskId, run);
  }

  private async fail(taskId: string, attempt: number, error: unknown): Promise<void> {
    try {
      await this.recordFailure(taskId, attempt, error);
    } catch (recordError) {
      // Shutting down or the database is gone: the task stays in its stage and is resumed later.
      this.logger.error({
        msg: 'could not record the task failure',
        taskId,
        reason: recordError instanceof Error ? recordError.message : String(recordError),
      });
    }
  }

  /**
   * A run ends at an interrupt (the task waits for a human: its sandbox is kept, for a while) or
   * at the end of the graph (summarise has released the sandbox).
   */
  private async afterRun(taskId: string, attempt: number): Promise<void> {
    const snapshot = await this.graph.getState(this.threadConfig(taskId, attempt));
    if (awaitsHuman(snapshot)) await this.sandboxes.hold(sandboxIdOf(snapshot));
    else if (snapshot.next.length === 0) await this.removeLeftoverSandboxes(taskId);
  }

  /**
   * A completed task's sandboxes, every one: a step repeated after a supervisor crash (analyse
   * creating the task's sandbox again) or a create repeated after the sandbox service restarted
   * leaves a sandbox no checkpoint names, which would otherwise live until its expiry (ADR 0039).
   * Only for `completed`, which is final: a failed task may be retried at once, and its new
   * attempt's sandbox carries the same task id.
   */
  private async removeLeftoverSandboxes(taskId: string): Promise<void> {
    try {
      const loaded = await this.deps.store.loadTask(taskId);
      if (loaded?.task.status !== 'completed') return;
      const removed = await this.deps.sandbox.destroyForTask(taskId);
      if (removed > 0) this.logger.log({ msg: 'removed the sandboxes a crash had left behind', taskId, removed });
    } catch (error) {
      // The task's outcome stands; the sandboxes' own expiry removes them later.
      this.logger.error({
        msg: 'could not remove the task sandboxes left behind',
        taskId,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Every run, however it ended, adds the checkpoints it wrote to the task's checkpoint record (ADR 0036). */
  private async recordCheckpoints(taskId: string, attempt: number): Promise<void> {
    if (!this.deps.checkpoints) return;
    await recordCheckpoints(this.graph, this.deps.checkpoints, taskId, attempt).catch((error: unknown) => {
      // The record only lists checkpoints; the next run of the task records what this one could not.
      this.logger.error({
        msg: 'could not record the task checkpoints',
        taskId,
        reason: error instanceof Error ? error.message : String(error),
      });
    });
  }

  private async releaseSandbox(taskId: string, attempt: number): Promise<void> {
    const snapshot = await this.graph.getState(this.threadConfig(taskId, attempt)).catch(() => null);
    // Best-of-N candidates' sandboxes are on record in task_candidates, not in the checkpoint (ADR 0034).
    await removeCandidateSandboxes(this.deps, taskId, attempt).catch((error: unknown) => {
      this.logger.error({
        msg: 'could not destroy the task candidates sandboxes',
        taskId,
        reason: error instanceof Error ? error.message : String(error),
      });
    });
    await this.sandboxes.release(sandboxIdOf(snapshot)).catch((error: unknown) => {
      // The sandbox's own expiry and the reaper remove it later; the task's outcome stands.
      this.logger.error({
        msg: 'could not destroy the task sandbox',
        taskId,
        reason: error instanceof Error ? error.message : String(error),
      });
    });
  }

  /** `attempt` is the run's own: a retry may already have started the next one, with its own sandbox. */
  private async recordFailure(taskId: string, attempt: number, error: unknown): Promise<void> {
    if (error instanceof TaskCancelledError) {
      this.logger.log({ msg: 'task cancelled; run stopped', taskId });
      // The cancel command released what the checkpoint knew of then; the step that was running
      // may have checkpointed a sandbox since.
      await this.releaseSandbox(taskId, attempt);
      return;
    }
    const detail = failureDetailOf(error);
    this.logger.error({ msg: 'task failed', taskId, category: detail.category, reason: detail.message });
    await this.deps.events.raise(taskId, 'error', {
      category: detail.category,
      severity: detail.category === 'security' ? 'critical' : 'error',
      recoverable: detail.recoverable,
      message: detail.message,
      actions: detail.recoverable ? ['retry'] : [],
    });
    // The error comes first in the log, then the status it led to. A task that cannot fail from
    // where it is (cancelled meanwhile, already failed) keeps its status; the error stays recorded.
    await this.deps.events.changeStatus(taskId, 'failed').catch(() => null);
    // Only once the failure is on record: a supervisor that could not record it resumes the task
    // later and needs its workspace.
    await this.releaseSandbox(taskId, attempt);
  }

  /**
   * Checkpoints are written before the next step starts (`sync`): with LangGraph's default
   * (`async`) a node can change the task's status while the previous step's checkpoint is still
   * being written, and a supervisor killed then resumes from an older step and repeats it.
   */
  private threadConfig(taskId: string, attempt: number) {
    return { configurable: { thread_id: `${taskId}:${attempt}` }, durability: 'sync' as const };
  }

  private brief(loaded: NonNullable<Awaited<ReturnType<PipelineDependencies['store']['loadTask']>>>): TaskBrief {
    const { task, repository, creator, github } = loaded;
    if (!repository.cloneUrl)
      throw new AgentRequestFailed({
        category: 'user_correctable',
        message: `repository ${repository.fullName} has no local forge copy to work on`,
        recoverable: true,
      });
    return {
      taskId: task.id,
      organisationId: task.organisationId,
      userId: creator.id,
      login: creator.login,
      attempt: task.attempt,
      prompt: task.prompt,
      constraints: task.constraints,
      repositoryId: repository.id,
      repositoryName: repository.fullName,
      barePath: repository.cloneUrl,
      baseBranch: task.baseBranch,
      testCommand: repository.testCommand,
      lintCommand: repository.lintCommand,
      lintMode: repository.lintMode,
      setupCommand: repository.setupCommand,
      draftPullRequests: repository.draftPullRequests,
      autoApprovePlan: task.autoApprovePlan,
      autoApproveDiff: task.autoApproveDiff,
      allowPreexistingFailures: repository.allowPreexistingFailures,
      requiredChecks: repository.requiredChecks,
      model: task.model,
      egressAllowedHosts: repository.egressAllowedHosts,
      candidates: task.candidates,
      github,
    };
  }
}

/**
 * What a step's failure means for the task: an agent's own verdict, a model setup a person must
 * change (user-correctable: a retry alone would fail the same way), or else a transient failure.
 */
function failureDetailOf(error: unknown): AgentError {
  if (error instanceof AgentRequestFailed) return error.error;
  if (error instanceof ModelConfigurationError)
    return { category: 'user_correctable', message: error.message, recoverable: true };
  return { category: 'transient', message: error instanceof Error ? error.message : String(error), recoverable: true };
}
