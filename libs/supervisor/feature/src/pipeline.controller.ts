import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
import {
  answerClarificationCommandSchema,
  cancelTaskCommandSchema,
  explainChangeCommandSchema,
  MessagePatterns,
  proposeBacklogPatchCommandSchema,
  resolveApprovalCommandSchema,
  resumeTaskCommandSchema,
  startTaskCommandSchema,
} from '@patchbay/contracts';
import { BacklogPlanningService } from './backlog-planning.service';
import { ChangeExplanationService } from './change-explanation.service';
import { TaskPipelineService } from './task-pipeline.service';

/** The supervisor's bus endpoints; each hands off to the pipeline and returns at once. */
@Controller()
export class PipelineController {
  private readonly logger = new Logger(PipelineController.name);

  constructor(
    private readonly pipeline: TaskPipelineService,
    private readonly explanations: ChangeExplanationService,
    private readonly backlog: BacklogPlanningService,
  ) {}

  @EventPattern(MessagePatterns.StartTask)
  onStart(@Payload() payload: unknown): void {
    const command = acceptMessage(startTaskCommandSchema, payload, this.logger, 'start command');
    if (command) this.pipeline.start(command);
  }

  @EventPattern(MessagePatterns.ResolveApproval)
  async onResolve(@Payload() payload: unknown): Promise<void> {
    const command = acceptMessage(resolveApprovalCommandSchema, payload, this.logger, 'approval');
    if (command) await this.pipeline.resolveApproval(command);
  }

  @EventPattern(MessagePatterns.ResumeTask)
  async onResume(@Payload() payload: unknown): Promise<void> {
    const command = acceptMessage(resumeTaskCommandSchema, payload, this.logger, 'resume command');
    if (command) await this.pipeline.resume(command);
  }

  @EventPattern(MessagePatterns.AnswerClarification)
  async onAnswer(@Payload() payload: unknown): Promise<void> {
    const command = acceptMessage(answerClarificationCommandSchema, payload, this.logger, 'clarification answer');
    if (command) await this.pipeline.answerClarification(command);
  }

  @EventPattern(MessagePatterns.CancelTask)
  async onCancel(@Payload() payload: unknown): Promise<void> {
    const command = acceptMessage(cancelTaskCommandSchema, payload, this.logger, 'cancel command');
    if (command) await this.pipeline.cancel(command);
  }

  @EventPattern(MessagePatterns.ExplainChange)
  onExplain(@Payload() payload: unknown): void {
    const command = acceptMessage(explainChangeCommandSchema, payload, this.logger, 'explain command');
    if (command) this.explanations.explain(command);
  }

  @EventPattern(MessagePatterns.ProposeBacklogPatch)
  onProposeBacklogPatch(@Payload() payload: unknown): void {
    const command = acceptMessage(proposeBacklogPatchCommandSchema, payload, this.logger, 'backlog proposal command');
    if (command) this.backlog.propose(command);
  }

  @EventPattern(MessagePatterns.AgentReplied)
  onAgentReply(@Payload() payload: unknown): void {
    this.pipeline.settleAgentReply(payload);
  }
}
