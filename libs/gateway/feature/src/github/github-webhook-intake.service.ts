import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { MessagePatterns, type GithubWebhookReceived } from '@patchbay/contracts';
import { isValidWebhookSignature, type GithubAppClient } from '@patchbay/github';
import { GithubRepository } from '@patchbay/persistence';
import { createHash } from 'node:crypto';
import { GITHUB_APP } from './github-app.token';
import { GithubWebhookService } from './github-webhook.service';

/** One POST to the webhook endpoint, as the HTTP layer received it. */
export interface WebhookDelivery {
  /** The raw body bytes: the signature covers exactly these. */
  body: Buffer;
  signature: string | undefined;
  event: string | undefined;
  deliveryId: string | undefined;
}

export interface WebhookReceipt {
  status: 'accepted' | 'duplicate' | 'replay';
  deliveryId: string;
}

/**
 * The intake of GitHub's webhook deliveries. The signature is checked on the raw bytes before
 * anything is parsed; a delivery id seen before, or a body seen before under another id (a
 * replay), is acknowledged and dropped; the work itself happens on the bus (durable, retried), so
 * GitHub gets its answer in milliseconds.
 */
@Injectable()
export class GithubWebhookIntake {
  private readonly logger = new Logger(GithubWebhookIntake.name);

  constructor(
    @Inject(GITHUB_APP) private readonly github: GithubAppClient | null,
    private readonly deliveries: GithubRepository,
    private readonly webhooks: GithubWebhookService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async receive(delivery: WebhookDelivery): Promise<WebhookReceipt> {
    if (!this.github)
      throw new NotFoundException(
        'The GitHub App is not configured on this Patchbay (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_WEBHOOK_SECRET)',
      );
    const raw = delivery.body;
    if (!isValidWebhookSignature(this.github.config.webhookSecret, raw, delivery.signature)) {
      this.logger.warn({
        msg: 'webhook refused: missing or invalid X-Hub-Signature-256',
        delivery: delivery.deliveryId ?? null,
      });
      throw new UnauthorizedException('Missing or invalid X-Hub-Signature-256');
    }
    const { event, deliveryId } = delivery;
    if (!event || !/^[a-z_]{1,100}$/.test(event))
      throw new BadRequestException('X-GitHub-Event is missing or malformed');
    if (!deliveryId || !/^[A-Za-z0-9-]{1,100}$/.test(deliveryId))
      throw new BadRequestException('X-GitHub-Delivery is missing or malformed');

    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new BadRequestException('Webhook body is not valid JSON');
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
      throw new BadRequestException('Webhook body must be a JSON object');
    const body = payload as Record<string, unknown>;

    const installation = body['installation'] as { id?: unknown } | undefined;
    const admission = await this.webhooks.admit({
      deliveryId,
      event,
      action: typeof body['action'] === 'string' ? body['action'].slice(0, 100) : null,
      installationId: typeof installation?.id === 'number' ? installation.id : null,
      bodySha256: createHash('sha256').update(raw).digest('hex'),
    });
    if (admission.kind === 'duplicate') {
      this.logger.log({ msg: 'webhook redelivery ignored', deliveryId, event });
      return { status: 'duplicate', deliveryId };
    }
    if (admission.kind === 'replay') return { status: 'replay', deliveryId };
    const message: GithubWebhookReceived = { deliveryId, event, payload: body };
    try {
      await this.bus.publish(MessagePatterns.GithubWebhookReceived, message, {
        messageId: `github-delivery:${deliveryId}`,
      });
    } catch (error) {
      // Not handed over: forget the delivery so GitHub's redelivery is accepted rather than deduplicated.
      await this.deliveries.forgetDelivery(deliveryId);
      this.logger.error({
        msg: 'webhook not queued: bus unavailable',
        deliveryId,
        error: error instanceof Error ? error.message : String(error),
      });
      throw new ServiceUnavailableException('Patchbay cannot queue this delivery right now; redeliver it later');
    }
    return { status: 'accepted', deliveryId };
  }
}
