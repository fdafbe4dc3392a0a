import { Controller, Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RequestAnswerer, TaskCancellations } from '@patchbay/agent-runtime';
import { acceptMessage, MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { MessagePatterns, runValidationCommandSchema } from '@patchbay/contracts';
import { ValidationRunner } from './validation-runner.service';

/** Where the supervisor's validation requests arrive; the reply goes back through the answerer. */
@Controller()
export class TestingAgentController implements OnModuleInit {
  private readonly logger = new Logger(TestingAgentController.name);
  private readonly cancellations: TaskCancellations;

  constructor(
    private readonly answerer: RequestAnswerer,
    private readonly runner: ValidationRunner,
    @Inject(MESSAGE_BUS) bus: MessageBus,
  ) {
    this.cancellations = new TaskCancellations(bus, this.logger, 'testing-agent');
  }

  onModuleInit(): Promise<void> {
    return this.cancellations.listen();
  }

  @EventPattern(MessagePatterns.RunValidation)
  async onRunValidation(@Payload() payload: unknown): Promise<void> {
    const request = acceptMessage(runValidationCommandSchema, payload, this.logger, 'validation request');
    if (!request) return;
    await this.answerer.answer(request, async () => {
      const work = this.cancellations.begin(request.taskId);
      try {
        return await this.runner.run(request, work.signal);
      } finally {
        work.end();
      }
    });
  }
}
