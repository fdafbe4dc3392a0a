import { Inject, Injectable, Logger } from '@nestjs/common';
import type { GithubWebhookReceived } from '@patchbay/contracts';
import { readWebhook, type GithubAppClient, type InstallationChange } from '@patchbay/github';
import { GithubRepository } from '@patchbay/persistence';
import { AuditService } from '../audit/audit.service';
import { GITHUB_APP } from './github-app.token';
import { GithubMirrorService } from './github-mirror.service';
import { GithubTriggerService } from './github-trigger.service';

/**
 * Acts on a verified delivery: installation bookkeeping or a work trigger. Every delivery ends
 * with an outcome in github_deliveries, so "why did nothing happen?" has an answer.
 */
@Injectable()
export class GithubWebhookService {
  private readonly logger = new Logger(GithubWebhookService.name);

  constructor(
    @Inject(GITHUB_APP) private readonly github: GithubAppClient | null,
    private readonly store: GithubRepository,
    private readonly triggers: GithubTriggerService,
    private readonly mirrors: GithubMirrorService,
    private readonly audit: AuditService,
  ) {}

  async handle(delivery: GithubWebhookReceived): Promise<void> {
    const recorded = await this.store.findDelivery(delivery.deliveryId);
    if (recorded && recorded.outcome !== 'received') return; // a bus redelivery of work already done
    const intent = readWebhook(delivery.event, delivery.payload);
    let result: { outcome: string; taskId?: string };
    if (intent.kind === 'ignored') result = { outcome: `ignored: ${intent.reason}` };
    else if (intent.kind === 'installation') result = { outcome: await this.applyInstallationChange(intent) };
    else result = await this.triggers.handle(delivery.deliveryId, intent);
    await this.store.finishDelivery(delivery.deliveryId, result.outcome, result.taskId ?? null);
    this.logger.log({ msg: 'webhook handled', deliveryId: delivery.deliveryId, event: delivery.event, outcome: result.outcome });
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
        const cloneUrl = this.mirrors.mirrorPath(installation.organisationId ?? 'unassigned', fullName);
        const defaultBranch = api ? await api.defaultBranch(fullName).catch(() => undefined) : undefined;
        await this.store.upsertRepository(installation, fullName, { cloneUrl, defaultBranch });
      }
    }
    await this.audit.record({
      actorId: null, actorLogin: `github:${change.accountLogin}`, organisationId: installation.organisationId, action: `github.installation.${change.change}`,
      targetType: 'github_installation', targetId: String(change.installationId), requestId: null, details: { repositories: change.repositories },
    });
    return `installation ${change.change}: ${change.repositories.length} repositories`;
  }
}
