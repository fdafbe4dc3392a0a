import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RequestAnswerer } from '@patchbay/agent-runtime';
import { MessagePatterns, runValidationCommandSchema } from '@patchbay/contracts';
import { ValidationRunner } from './validation-runner.service';

/** Where the supervisor's validation requests arrive; the reply goes back through the answerer. */
@Controller()
export class TestingAgentController {
  private readonly logger = new Logger(TestingAgentController.name);

  constructor(
    private readonly answerer: RequestAnswerer,
    private readonly runner: ValidationRunner,
  ) {}

  @EventPattern(MessagePatterns.RunValidation)
  async onRunValidation(@Payload() payload: unknown): Promise<void> {
    const parsed = runValidationCommandSchema.safeParse(payload);
    if (!parsed.success) {
      // Without a valid requestId and taskId there is no one to reply to; retrying cannot help.
      this.logger.error({ msg: 'dropping malformed validation request', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      return;
    }
    const request = parsed.data;
    await this.answerer.answer(request, () => this.runner.run(request));
  }
}
