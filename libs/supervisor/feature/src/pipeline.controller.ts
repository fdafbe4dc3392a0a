import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
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
    const command = acceptMessage(startTaskCommandSchema, payload, this.logger, 'start command');
    if (!command) return;
    this.logger.log({ msg: 'task received', taskId: command.taskId, attempt: command.attempt });
    this.pipeline.runner.start(command);
  }

  @EventPattern(MessagePatterns.ResolveApproval)
  async onResolve(@Payload() payload: unknown): Promise<void> {
    const command = acceptMessage(resolveApprovalCommandSchema, payload, this.logger, 'approval');
    if (!command) return;
    const loaded = await this.store.loadTask(command.taskId);
    if (loaded) this.pipeline.runner.resolve(command, loaded.task.attempt);
  }

  @EventPattern(MessagePatterns.ResumeTask)
  async onResume(@Payload() payload: unknown): Promise<void> {
    const command = acceptMessage(resumeTaskCommandSchema, payload, this.logger, 'resume command');
    if (!command) return;
    const loaded = await this.store.loadTask(command.taskId);
    if (!loaded) return;
    this.pipeline.runner.resume(command.taskId, loaded.task.attempt, { action: command.action, note: command.note });
  }

  @EventPattern(MessagePatterns.CancelTask)
  async onCancel(@Payload() payload: unknown): Promise<void> {
    const command = acceptMessage(cancelTaskCommandSchema, payload, this.logger, 'cancel command');
    if (!command) return;
    const loaded = await this.store.loadTask(command.taskId);
    if (loaded) await this.pipeline.runner.cancel(command.taskId, loaded.task.attempt);
  }

  @EventPattern(MessagePatterns.AgentReplied)
  onAgentReply(@Payload() payload: unknown): void {
    this.pipeline.rpc.settle(payload);
  }

}
