import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
import { githubWebhookReceivedSchema, MessagePatterns } from '@patchbay/contracts';
import { GithubWebhookService } from './github-webhook.service';

/** The worker side of the webhook endpoint: deliveries arrive here over the bus, with retries. */
@Controller()
export class GithubWebhookConsumerController {
  private readonly logger = new Logger(GithubWebhookConsumerController.name);

  constructor(private readonly webhooks: GithubWebhookService) {}

  @EventPattern(MessagePatterns.GithubWebhookReceived)
  async onDelivery(@Payload() payload: unknown): Promise<void> {
    const delivery = acceptMessage(githubWebhookReceivedSchema, payload, this.logger, 'GitHub webhook delivery');
    if (!delivery) return;
    await this.webhooks.handle(delivery);
  }
}
