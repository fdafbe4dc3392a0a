import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { cancelTaskCommandSchema, MessagePatterns, resolveApprovalCommandSchema, resumeTaskCommandSchema, startTaskCommandSchema } from '@patchbay/contracts';
import { PipelineRepository } from '@patchbay/persistence';
import { TaskPipelineService } from './task-pipeline.service';

/** The supervisor's bus endpoints; each hands off to the runner and returns at once. */
@Controller()
export class PipelineController {
  private readonly logger = new Logger(PipelineController.name);

  constructor(
    private readonly pipeline: TaskPipelineService,
    private readonly store: PipelineRepository,
  ) {}

  @EventPattern(MessagePatterns.StartTask)
  onStart(@Payload() payload: unknown): void {
    const parsed = startTaskCommandSchema.safeParse(payload);
    if (!parsed.success) return this.drop('start command', parsed.error.issues);
    this.logger.log({ msg: 'task received', taskId: parsed.data.taskId, attempt: parsed.data.attempt });
    this.pipeline.runner.start(parsed.data);
  }

  @EventPattern(MessagePatterns.ResolveApproval)
  async onResolve(@Payload() payload: unknown): Promise<void> {
    const parsed = resolveApprovalCommandSchema.safeParse(payload);
    if (!parsed.success) return this.drop('approval', parsed.error.issues);
    const loaded = await this.store.loadTask(parsed.data.taskId);
    if (loaded) this.pipeline.runner.resolve(parsed.data, loaded.task.attempt);
  }

  @EventPattern(MessagePatterns.ResumeTask)
  async onResume(@Payload() payload: unknown): Promise<void> {
    const parsed = resumeTaskCommandSchema.safeParse(payload);
    if (!parsed.success) return this.drop('resume command', parsed.error.issues);
    const loaded = await this.store.loadTask(parsed.data.taskId);
    if (!loaded) return;
    this.pipeline.runner.resume(parsed.data.taskId, loaded.task.attempt, { decision: parsed.data.action === 'fix' ? 'approved' : 'rejected', feedback: parsed.data.note });
  }

  @EventPattern(MessagePatterns.CancelTask)
  async onCancel(@Payload() payload: unknown): Promise<void> {
    const parsed = cancelTaskCommandSchema.safeParse(payload);
    if (!parsed.success) return this.drop('cancel command', parsed.error.issues);
    const loaded = await this.store.loadTask(parsed.data.taskId);
    if (loaded) await this.pipeline.runner.cancel(parsed.data.taskId, loaded.task.attempt);
  }

  @EventPattern(MessagePatterns.AgentReplied)
  onAgentReply(@Payload() payload: unknown): void {
    this.pipeline.rpc.settle(payload);
  }

  private drop(what: string, issues: Array<{ message: string }>): void {
    this.logger.error({ msg: `dropping malformed ${what}`, issues: issues.map((i) => i.message) });
  }
}
