import { Inject, Injectable, Logger } from '@nestjs/common';
import type { GithubWebhookReceived } from '@patchbay/contracts';
import { readWebhook, type GithubAppClient, type InstallationChange } from '@patchbay/github';
import { GithubRepository, type DeliveryAdmission, type DeliveryRecord } from '@patchbay/persistence';
import { AuditService } from '../audit/audit.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { GITHUB_APP } from './github-app.token';
import { GithubMirrorService } from './github-mirror.service';
import { GithubTriggerService } from './github-trigger.service';

/**
 * Admits verified deliveries (once per delivery id, once per body within the replay window) and
 * acts on them: installation bookkeeping or a work trigger. Every delivery ends with an outcome
 * in github_deliveries, so "why did nothing happen?" has an answer.
 */
@Injectable()
export class GithubWebhookService {
  private readonly logger = new Logger(GithubWebhookService.name);

  constructor(
    @Inject(GITHUB_APP) private readonly github: GithubAppClient | null,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly store: GithubRepository,
    private readonly triggers: GithubTriggerService,
    private readonly mirrors: GithubMirrorService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records a verified delivery and says whether to hand it to the worker. The signature covers
   * the body but not the delivery id, so whoever captured one signed body could resend it under
   * fresh ids; such a replay is acknowledged (GitHub must not retry it) but never acted on again,
   * and it is logged and audited so the organisation's admins see the attempt.
   */
  async admit(delivery: DeliveryRecord): Promise<DeliveryAdmission> {
    const admission = await this.store.recordDelivery(delivery, this.config.GITHUB_WEBHOOK_REPLAY_WINDOW_HOURS);
    if (admission.kind === 'replay') await this.recordReplay(delivery, admission.replayOf);
    return admission;
  }

  async handle(delivery: GithubWebhookReceived): Promise<void> {
    const recorded = await this.store.findDelivery(delivery.deliveryId);
    if (recorded && recorded.outcome !== 'received') return; // a bus redelivery of work already done
    const intent = readWebhook(delivery.event, delivery.payload);
    let result: { outcome: string; taskId?: string };
    if (intent.kind === 'ignored') result = { outcome: `ignored: ${intent.reason}` };
    else if (intent.kind === 'installation') result = { outcome: await this.applyInstallationChange(intent) };
    else result = await this.triggers.handle(delivery.deliveryId, intent);
    await this.store.finishDelivery(delivery.deliveryId, result.outcome, result.taskId ?? null);
    this.logger.log({
      msg: 'webhook handled',
      deliveryId: delivery.deliveryId,
      event: delivery.event,
      outcome: result.outcome,
    });
  }

  private async recordReplay(delivery: DeliveryRecord, replayOf: string): Promise<void> {
    const { deliveryId, event, action, installationId, bodySha256 } = delivery;
    this.logger.warn({
      msg: 'webhook replay ignored: this signed body was already delivered',
      deliveryId,
      replayOf,
      event,
      installationId,
    });
    // Audited under the installation's organisation; a body naming no known installation goes to the system's chain.
    const installation = installationId === null ? null : await this.store.findInstallation(installationId);
    await this.audit.record({
      actorId: null,
      actorLogin: 'github-webhook',
      organisationId: installation?.organisationId ?? null,
      action: 'github.webhook.replay',
      targetType: 'github_delivery',
      targetId: deliveryId,
      requestId: null,
      details: { replayOf, event, action, installationId, bodySha256 },
    });
  }

  private async applyInstallationChange(change: InstallationChange): Promise<string> {
    if (change.change === 'deleted' || change.change === 'suspend') {
      await this.store.setSuspended(change.installationId, true);
      return `installation ${change.change === 'deleted' ? 'removed' : 'suspended'}`;
    }
    const installation = await this.store.upsertInstallation(change.installationId, change.accountLogin);
    if (change.change === 'repositories_removed') {
      for (const fullName of change.repositories) await this.store.detachRepository(installation, fullName);
    } else {
      const api = this.github ? await this.github.installation(change.installationId) : null;
      for (const fullName of change.repositories) {
        const defaultBranch = api ? await api.defaultBranch(fullName).catch(() => undefined) : undefined;
        await this.store.upsertRepository(installation, fullName, {
          defaultBranch,
          cloneUrlFor: (repository) => this.mirrors.mirrorPath(repository),
        });
      }
    }
    await this.audit.record({
      actorId: null,
      actorLogin: `github:${change.accountLogin}`,
      organisationId: installation.organisationId,
      action: `github.installation.${change.change}`,
      targetType: 'github_installation',
      targetId: String(change.installationId),
      requestId: null,
      details: { repositories: change.repositories },
    });
    return `installation ${change.change}: ${change.repositories.length} repositories`;
  }
}
