import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RequestAnswerer, TaskCancellations } from '@patchbay/agent-runtime';
import { acceptMessage } from '@patchbay/bus';
import { MessagePatterns, publishChangesCommandSchema } from '@patchbay/contracts';
import { PublishService } from './publish.service';

/** Where the supervisor's publish requests arrive; the reply goes back through the answerer. */
@Controller()
export class PublishController {
  private readonly logger = new Logger(PublishController.name);

  constructor(
    private readonly answerer: RequestAnswerer,
    private readonly cancellations: TaskCancellations,
    private readonly publishing: PublishService,
  ) {}

  @EventPattern(MessagePatterns.PublishChanges)
  async onPublish(@Payload() payload: unknown): Promise<void> {
    const request = acceptMessage(publishChangesCommandSchema, payload, this.logger, 'publish request');
    if (!request) return;
    await this.answerer.answer(MessagePatterns.PublishChanges, request, () =>
      this.cancellations.run(request.taskId, (signal) => this.publishing.publish(request, signal)),
    );
  }
}
