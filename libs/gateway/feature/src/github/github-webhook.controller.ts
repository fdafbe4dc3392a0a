import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../common/access.decorator';
import { GithubWebhookIntake, type WebhookReceipt } from './github-webhook-intake.service';

export const GITHUB_WEBHOOK_PATH = 'api/webhooks/github';

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** GitHub's webhook endpoint: hands the raw delivery to the intake (GithubWebhookIntake). */
@Controller(GITHUB_WEBHOOK_PATH)
export class GithubWebhookController {
  constructor(private readonly intake: GithubWebhookIntake) {}

  // Authenticated by the webhook signature, not a session. Deliveries are recorded in
  // github_deliveries; the actions they cause (tasks, installations) are audited by the worker.
  @Post()
  @Access('public')
  @HttpCode(202)
  @ApiExcludeEndpoint()
  receive(@Req() request: Request): Promise<WebhookReceipt> {
    return this.intake.receive({
      // Body parsing leaves this route's body raw (the signature covers the exact bytes).
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      signature: header(request, 'x-hub-signature-256'),
      event: header(request, 'x-github-event'),
      deliveryId: header(request, 'x-github-delivery'),
    });
  }
}
