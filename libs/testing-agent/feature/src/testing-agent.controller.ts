import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RequestAnswerer, TaskCancellations } from '@patchbay/agent-runtime';
import { acceptMessage } from '@patchbay/bus';
import { MessagePatterns, runValidationCommandSchema } from '@patchbay/contracts';
import { ValidationRunner } from './validation-runner.service';

/** Where the supervisor's validation requests arrive; the reply goes back through the answerer. */
@Controller()
export class TestingAgentController {
  private readonly logger = new Logger(TestingAgentController.name);

  constructor(
    private readonly answerer: RequestAnswerer,
    private readonly cancellations: TaskCancellations,
    private readonly runner: ValidationRunner,
  ) {}

  @EventPattern(MessagePatterns.RunValidation)
  async onRunValidation(@Payload() payload: unknown): Promise<void> {
    const request = acceptMessage(runValidationCommandSchema, payload, this.logger, 'validation request');
    if (!request) return;
    await this.answerer.answer(MessagePatterns.RunValidation, request, () =>
      this.cancellations.run(request.taskId, (signal) => this.runner.run(request, signal)),
    );
  }
}
