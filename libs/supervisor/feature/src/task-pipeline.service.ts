import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  BroadcastPatterns,
  taskCancelledNoticeSchema,
  type AnswerClarificationCommand,
  type CancelTaskCommand,
  type ResolveApprovalCommand,
  type ResumeTaskCommand,
  type StartTaskCommand,
} from '@patchbay/contracts';
import { AgentRpcClient, buildTaskGraph, TaskEventPublisher, TaskLease, TaskRunner } from '@patchbay/pipeline';
import {
  CHECKPOINT_SCHEMA,
  PipelineRepository,
  PullRequestRepository,
  TaskEventRepository,
  TaskTransitionRepository,
  McpServerRepository,
  ApprovalRepository,
  TaskCheckpointRepository,
} from '@patchbay/persistence';
import { SUPERVISOR_OPTIONS, type SupervisorOptions } from './supervisor.options';

/** Owns the task graph, its Postgres checkpointer, the lease and the runner for this process. */
@Injectable()
export class TaskPipelineService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TaskPipelineService.name);
  readonly rpc: AgentRpcClient;
  readonly runner: TaskRunner;
  private readonly checkpointer: PostgresSaver;
  private readonly lease: TaskLease;
  private readonly closeSpeech: () => void;
  private readonly strandedSweep: { intervalMs: number; queuedForMs: number };
  private sweepTimer?: NodeJS.Timeout;

  constructor(
    @Inject(SUPERVISOR_OPTIONS) options: SupervisorOptions,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly store: PipelineRepository,
    pullRequests: PullRequestRepository,
    taskEvents: TaskEventRepository,
    transitions: TaskTransitionRepository,
    mcpServers: McpServerRepository,
    checkpoints: TaskCheckpointRepository,
    approvals: ApprovalRepository,
  ) {
    this.rpc = new AgentRpcClient(bus);
    this.checkpointer = PostgresSaver.fromConnString(options.databaseUrl, { schema: CHECKPOINT_SCHEMA });
    this.lease = new TaskLease(options.databaseUrl);
    this.closeSpeech = () => options.speech?.close();
    this.strandedSweep = options.strandedSweep ?? { intervalMs: 15_000, queuedForMs: 30_000 };
    const deps = {
      store,
      pullRequests,
      events: new TaskEventPublisher(bus, taskEvents, transitions),
      rpc: this.rpc,
      sandbox: options.sandbox,
      models: options.models,
      maxRounds: options.maxRounds,
      sandboxPausedTtlMs: options.sandboxPausedTtlMs,
      timeouts: options.timeouts,
      speech: options.speech,
      mcpServers,
      mcpKeyProviders: options.mcpKeyProviders,
      checkpoints,
      plans: approvals,
    };
    this.runner = new TaskRunner(buildTaskGraph(deps, this.checkpointer), deps, this.lease, {
      log: (message) => this.logger.log(message),
      error: (message) => this.logger.error(message),
    });
  }

  /** Starts (or, for a redelivered command, keeps running) the task's graph; returns at once. */
  start(command: StartTaskCommand): void {
    this.logger.log({ msg: 'task received', taskId: command.taskId, attempt: command.attempt });
    this.runner.start(command);
  }

  /** A human's plan or diff decision resumes the graph of the task's current attempt. */
  async resolveApproval(command: ResolveApprovalCommand): Promise<void> {
    const loaded = await this.store.loadTask(command.taskId);
    if (loaded) this.runner.resolve(command, loaded.task.attempt);
  }

  /** The requester answered the planner's question: planning goes on with the answer. */
  async answerClarification(command: AnswerClarificationCommand): Promise<void> {
    const loaded = await this.store.loadTask(command.taskId);
    if (loaded) this.runner.answer(command, loaded.task.attempt);
  }

  /** A paused task goes on as the human chose (a recovery action, with an optional note). */
  async resume(command: ResumeTaskCommand): Promise<void> {
    const loaded = await this.store.loadTask(command.taskId);
    if (!loaded) return;
    this.runner.resume(command.taskId, loaded.task.attempt, { action: command.action, note: command.note });
  }

  async cancel(command: CancelTaskCommand): Promise<void> {
    const loaded = await this.store.loadTask(command.taskId);
    if (loaded) await this.runner.cancel(command.taskId, loaded.task.attempt);
  }

  /** An agent's reply to a request this process's graph is waiting on. */
  settleAgentReply(payload: unknown): void {
    this.rpc.settle(payload);
  }

  async onApplicationBootstrap(): Promise<void> {
    // The CancelTask message reaches one supervisor; the run to stop may be in another, so every
    // instance hears the gateway's broadcast and aborts the run it holds (ADR 0018).
    await this.bus.subscribe(BroadcastPatterns.TaskCancelled, (payload) => {
      const notice = taskCancelledNoticeSchema.safeParse(payload);
      if (!notice.success) {
        this.logger.warn({ msg: 'malformed cancellation notice dropped' });
        return;
      }
      this.runner.abort(notice.data.taskId);
    });
    // With the sweep on, queued tasks are taken up at once too (their start command may be lost).
    const resumed =
      this.strandedSweep.intervalMs > 0 ? await this.runner.resumeStranded(0) : await this.runner.resumeInFlight();
    if (resumed > 0) this.logger.log({ msg: 'resuming tasks left mid-stage by a previous run', count: resumed });
    if (this.strandedSweep.intervalMs > 0) {
      this.sweepTimer = setInterval(() => void this.sweepStranded(), this.strandedSweep.intervalMs);
      this.sweepTimer.unref();
    }
  }

  /** One pass of the stranded-task sweep (ADR 0039); a failed pass (database away) is retried by the next. */
  async sweepStranded(): Promise<number> {
    try {
      const started = await this.runner.resumeStranded(this.strandedSweep.queuedForMs);
      if (started > 0) this.logger.log({ msg: 'started tasks that were running nowhere', count: started });
      return started;
    } catch (error) {
      this.logger.warn({
        msg: 'the stranded-task sweep failed',
        reason: error instanceof Error ? error.message : String(error),
      });
      return 0;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.rpc.abandonAll('the supervisor is shutting down');
    await this.runner.idle();
    await this.lease.close();
    await this.checkpointer.end();
    this.closeSpeech();
  }
}
