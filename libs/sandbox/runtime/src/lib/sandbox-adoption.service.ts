import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SandboxLimits, SandboxNetworkMode } from '@patchbay/contracts';
import { BlockedEgressLog } from './blocked-egress-log';
import { ContainerManager, messageOf, type ManagedContainer } from './container-manager.service';
import { EgressNetworkService } from './egress-network.service';
import type { SandboxConfig } from './sandbox-config';
import { SANDBOX_LABELS } from './sandbox-labels';
import type { SandboxRecord } from './sandbox-record';
import { SandboxSlots } from './sandbox-slots';
import { SandboxService } from './sandbox.service';
import { SANDBOX_CONFIG } from './sandbox.tokens';

/**
 * After a restart of the sandbox service (a crash, a kill -9), takes the running task sandboxes
 * of this instance back instead of reaping them (ADR 0039): the tasks using them keep their
 * workspace, and their requests, sent again by the client, find the same sandbox id.
 *
 * What the previous process knew only in memory is rebuilt from the container: id, task, image,
 * network, creation time and hard deadline, limits and extra egress hosts from its labels; the
 * base commit is the workspace's HEAD (every workspace script leaves HEAD at the base commit:
 * snapshots are refs, not commits on HEAD); snapshots from `refs/patchbay/snapshots/*` (their
 * labels are lost). Not adopted, so reaped as before: warm-pool containers (a claimed one's labels
 * still say "pool"), stopped or expired containers, and containers without the limits label
 * (created by a version that did not write it).
 */
@Injectable()
export class SandboxAdoptionService {
  private readonly logger = new Logger(SandboxAdoptionService.name);

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
    private readonly sandboxes: SandboxService,
    private readonly egress: EgressNetworkService,
    private readonly slots: SandboxSlots,
  ) {}

  async adoptLeftovers(now = new Date()): Promise<string[]> {
    const adopted: string[] = [];
    for (const container of await this.containers.listManaged()) {
      if (!adoptable(container, this.config.instanceId, now)) continue;
      try {
        const record = await this.recordOf(container, now);
        this.sandboxes.adopt(record);
        adopted.push(record.id);
      } catch (error) {
        // Left to the start-up reap, as before adoption existed.
        this.logger.warn(`could not adopt sandbox container ${container.containerId}: ${messageOf(error)}`);
      }
    }
    if (adopted.length > 0)
      this.logger.log(`adopted ${adopted.length} sandbox(es) of a previous run: ${adopted.join(', ')}`);
    return adopted;
  }

  private async recordOf(container: ManagedContainer, now: Date): Promise<SandboxRecord> {
    const labels = container.labels;
    const limits: SandboxLimits = {
      ...this.config.defaultLimits,
      ...(JSON.parse(labels[SANDBOX_LABELS.limits] ?? '{}') as Partial<SandboxLimits>),
    };
    const allowHosts = JSON.parse(labels[SANDBOX_LABELS.egressAllowHosts] ?? '[]') as string[];
    const network = labels[SANDBOX_LABELS.network] as SandboxNetworkMode;
    const deadline = new Date(labels[SANDBOX_LABELS.expiresAt] ?? '');
    const head = await this.containers.run(container.containerId, ['git', '-C', '/workspace', 'rev-parse', 'HEAD']);
    if (head.exitCode !== 0) throw new Error(`no workspace HEAD: ${head.stderr.toString('utf8').trim()}`);
    const refs = await this.containers.run(container.containerId, [
      'git',
      '-C',
      '/workspace',
      'for-each-ref',
      '--format=%(refname:lstrip=3) %(objectname) %(committerdate:iso-strict)',
      'refs/patchbay/snapshots/',
    ]);
    let egressIp: string | null = null;
    if (network !== 'none' || allowHosts.length > 0) {
      const endpoint = await this.egress.endpoint();
      egressIp = await this.containers.containerIp(container.containerId, endpoint.network);
      if (!egressIp) throw new Error('the container has no address on the egress network');
      this.egress.allow(egressIp, {
        sandboxId: labels[SANDBOX_LABELS.id],
        registries: network === 'registries',
        extraTargets: new Set(allowHosts),
      });
    }
    return {
      id: labels[SANDBOX_LABELS.id],
      taskId: labels[SANDBOX_LABELS.taskId],
      containerId: container.containerId,
      image: labels[SANDBOX_LABELS.image],
      runtime: egressIp ? this.config.netRuntime : this.config.runtime,
      network,
      limits,
      // The create's environment is in the container's own; nothing to add per command.
      env: {},
      state: 'running',
      baseCommit: head.stdout.toString('utf8').trim(),
      createdAt: new Date(labels[SANDBOX_LABELS.createdAt] ?? now.toISOString()),
      // A fresh lifetime from now, as a task resuming from a human's decision gets; never past the hard deadline.
      expiresAt: new Date(Math.min(now.getTime() + limits.sandboxTimeoutMs, deadline.getTime())),
      deadline,
      fromWarmPool: false,
      killReason: null,
      egressIp,
      runningCommands: new Map(),
      snapshots: refs.stdout
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [id, commit, at] = line.split(' ');
          return { id: id, commit: commit, label: null, createdAt: new Date(at).toISOString() };
        }),
      blockedEgress: new BlockedEgressLog(),
      dependencyReuse: null,
      stopped: this.containers.waitForStop(container.containerId),
      expiryTimer: null,
      // It counts against SANDBOX_MAX_ACTIVE like the sandboxes this run creates (ADR 0038).
      releaseSlot: this.slots.hold(),
    };
  }
}

/** A running task sandbox of this instance, before its hard deadline, with what adoption needs on its labels. */
export function adoptable(container: ManagedContainer, instanceId: string, now: Date): boolean {
  const labels = container.labels;
  const deadline = Date.parse(labels[SANDBOX_LABELS.expiresAt] ?? '');
  return (
    container.running &&
    labels[SANDBOX_LABELS.owner] === instanceId &&
    labels[SANDBOX_LABELS.pooled] === 'false' &&
    labels[SANDBOX_LABELS.limits] !== undefined &&
    labels[SANDBOX_LABELS.id] !== undefined &&
    !Number.isNaN(deadline) &&
    deadline > now.getTime()
  );
}
