import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CreateSandboxCommand, SandboxInfo, SandboxLimits, SetSandboxExpiryRequest } from '@patchbay/contracts';
import { BlockedEgressLog } from './blocked-egress-log';
import { ContainerManager, messageOf } from './container-manager.service';
import { EgressNetworkService } from './egress-network.service';
import type { SandboxConfig } from './sandbox-config';
import { imageRef, sameLimits, sandboxEnv, sandboxLabels } from './sandbox-container-spec';
import { SandboxBadRequestError } from './sandbox-errors';
import { SANDBOX_LABELS } from './sandbox-labels';
import { SandboxLimitsPolicy } from './sandbox-limits-policy';
import { SandboxMetrics } from './sandbox-metrics';
import { toSandboxInfo, type SandboxRecord } from './sandbox-record';
import { SandboxRegistry } from './sandbox-registry';
import { SandboxSlots } from './sandbox-slots';
import { SandboxTerminator } from './sandbox-terminator.service';
import { SANDBOX_CONFIG } from './sandbox.tokens';
import { WarmPoolService, type WarmSandbox } from './warm-pool.service';
import { WorkspaceGitService, type PreparedSource } from './workspace-git.service';
import { SandboxEngineStatus } from './sandbox-engine-status';
import { WarmEnvironmentService } from './warm-environment/warm-environment.service';

/** Creates sandboxes (from the warm pool when it can), enforces their lifetime, destroys them. */
@Injectable()
export class SandboxService implements OnApplicationShutdown {
  private readonly logger = new Logger(SandboxService.name);

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
    private readonly registry: SandboxRegistry,
    private readonly git: WorkspaceGitService,
    private readonly pool: WarmPoolService,
    private readonly egress: EgressNetworkService,
    private readonly terminator: SandboxTerminator,
    private readonly metrics: SandboxMetrics,
    private readonly limitsPolicy: SandboxLimitsPolicy,
    private readonly engine: SandboxEngineStatus,
    private readonly warmEnvironments: WarmEnvironmentService,
    private readonly slots: SandboxSlots,
  ) {}

  /**
   * `signal`: the caller went away (its connection closed, e.g. its task was cancelled). A create
   * still queued for a slot gives up; one that finishes after the caller left destroys its sandbox,
   * whose id nobody received and so nobody else could release.
   */
  async create(command: CreateSandboxCommand, signal?: AbortSignal): Promise<SandboxInfo> {
    const started = performance.now();
    await this.engine.assertAvailable();
    await this.limitsPolicy.check(command.limits);
    // Above SANDBOX_MAX_ACTIVE the create waits here, in arrival order (ADR 0038).
    const releaseSlot = await this.slots.acquire(signal);
    let created: SandboxInfo;
    try {
      created = await this.createInSlot(command, started, releaseSlot);
    } catch (error) {
      releaseSlot();
      throw error;
    }
    if (signal?.aborted) {
      await this.destroy(created.id);
      throw signal.reason;
    }
    return created;
  }

  private async createInSlot(
    command: CreateSandboxCommand,
    started: number,
    releaseSlot: () => void,
  ): Promise<SandboxInfo> {
    const limits: SandboxLimits = { ...this.config.defaultLimits, ...command.limits };
    if (this.config.runtime === 'runc') {
      this.logger.warn(
        `SANDBOX_RUNTIME=runc: sandbox for task ${command.taskId} runs WITHOUT gVisor; a kernel exploit in it reaches the host`,
      );
    }
    const source = command.source ? await this.git.prepare(command.source) : null;
    const allowHosts = command.egressAllowHosts ?? [];
    const poolable =
      command.network === 'none' &&
      allowHosts.length === 0 &&
      command.source?.kind !== 'git-url' &&
      sameLimits(limits, this.config.defaultLimits);
    const warm = poolable ? this.pool.claim(command.image) : null;
    if (poolable) (warm ? this.metrics.poolHits : this.metrics.poolMisses).inc({ image: command.image });

    const record = warm ? await this.fromWarm(warm, command, limits, source) : await this.cold(command, limits, source);
    record.releaseSlot = releaseSlot;
    // A container that died while the create was finishing was already written off, slot and all.
    if (record.state !== 'running') releaseSlot();
    this.registry.add(record);
    this.metrics.creates.inc({ image: record.image, network: record.network, source: warm ? 'pool' : 'cold' });
    this.metrics.createDuration.observe({ source: warm ? 'pool' : 'cold' }, (performance.now() - started) / 1000);
    this.metrics.live.inc();
    return toSandboxInfo(record);
  }

  /**
   * Destroys every sandbox of a task, tracked or not — the ones a repeated step or a repeated
   * create left behind after a crash (ADR 0039). Returns how many there were.
   */
  async destroyForTask(taskId: string): Promise<number> {
    let removed = 0;
    for (const record of this.registry.all()) {
      if (record.taskId !== taskId) continue;
      await this.terminator.destroy(record);
      removed++;
    }
    for (const container of await this.containers.listManaged()) {
      if (container.labels[SANDBOX_LABELS.taskId] !== taskId) continue;
      if (container.labels[SANDBOX_LABELS.owner] !== this.config.instanceId) continue;
      if (this.registry.findByContainer(container.containerId)) continue;
      await this.containers.remove(container.containerId).catch(() => undefined);
      removed++;
    }
    return removed;
  }

  /**
   * Takes a container a previous process of this instance created back into the registry, as
   * it was created (ADR 0039): the task's work in it goes on after a restart of the service.
   */
  adopt(record: SandboxRecord): SandboxInfo {
    this.registry.add(record);
    this.metrics.live.inc();
    return toSandboxInfo(this.arm(record));
  }

  get(id: string): SandboxInfo {
    return toSandboxInfo(this.registry.get(id));
  }

  async destroy(id: string): Promise<void> {
    await this.terminator.destroy(this.registry.get(id));
  }

  /**
   * Moves the expiry to `ttlMs` from now (default: the sandbox's own lifetime), capped by its hard
   * deadline. Shortening is how a task waiting for a human gets a TTL; the expiry timer (and the
   * reaper behind it) then removes the sandbox.
   */
  setExpiry(id: string, request: SetSandboxExpiryRequest): SandboxInfo {
    const record = this.registry.getRunning(id);
    const ttlMs = request.ttlMs ?? record.limits.sandboxTimeoutMs;
    record.expiresAt = new Date(Math.min(Date.now() + ttlMs, record.deadline.getTime()));
    this.scheduleExpiry(record);
    return toSandboxInfo(record);
  }

  async onApplicationShutdown(): Promise<void> {
    // In-memory state dies with the process, so its sandboxes would be unreachable orphans.
    await Promise.all(this.registry.all().map((record) => this.terminator.destroy(record)));
  }

  private async fromWarm(
    warm: WarmSandbox,
    command: CreateSandboxCommand,
    limits: SandboxLimits,
    source: PreparedSource | null,
  ): Promise<SandboxRecord> {
    const record = this.newRecord(warm.id, warm.containerId, command, limits, warm.stopped, true);
    record.baseCommit = warm.baseCommit;
    record.deadline = warm.deadline;
    if (record.expiresAt > record.deadline) record.expiresAt = warm.deadline;
    try {
      if (source) record.baseCommit = await this.git.checkout(warm.containerId, source);
    } catch (error) {
      await this.containers.remove(warm.containerId).catch(() => undefined);
      throw error;
    }
    return this.arm(record);
  }

  private async cold(
    command: CreateSandboxCommand,
    limits: SandboxLimits,
    source: PreparedSource | null,
  ): Promise<SandboxRecord> {
    const image = imageRef(this.config, command.image);
    if (!(await this.containers.imageExists(image))) {
      throw new SandboxBadRequestError(
        `image "${command.image}" is not built (expected ${image}); run npm run sandbox:images`,
      );
    }
    // Allowed hosts (ADR 0032) need the proxy even in mode `none`, which then allows only them.
    const allowHosts = command.egressAllowHosts ?? [];
    const needsEgress = command.network === 'registries' || command.source?.kind === 'git-url' || allowHosts.length > 0;
    const endpoint = needsEgress ? await this.egress.endpoint() : null;
    const id = `sbx-${randomUUID().slice(0, 12)}`;
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + limits.sandboxTimeoutMs);
    const deadline = new Date(expiresAt.getTime() + this.config.maxHoldMs);
    const reuse = await this.warmEnvironments.forCreate(command);
    const containerId = await this.containers.createAndStart({
      name: `patchbay-${id}`,
      image,
      runtime: endpoint ? this.config.netRuntime : this.config.runtime,
      limits,
      networkMode: endpoint ? endpoint.network : 'none',
      env: sandboxEnv(endpoint?.proxyUrl ?? null, { ...reuse.env, ...command.env }),
      volumes: reuse.mounts,
      labels: sandboxLabels(this.config, {
        id,
        taskId: command.taskId,
        image: command.image,
        network: command.network,
        createdAt,
        expiresAt: deadline,
        pooled: false,
        limits,
        egressAllowHosts: allowHosts,
      }),
    });
    const record = this.newRecord(id, containerId, command, limits, this.containers.waitForStop(containerId), false);
    record.createdAt = createdAt;
    record.expiresAt = expiresAt;
    record.dependencyReuse = reuse.reuse;
    record.deadline = deadline;
    try {
      if (endpoint) {
        record.egressIp = await this.containers.containerIp(containerId, endpoint.network);
        if (!record.egressIp) throw new Error('sandbox container has no address on the egress network');
      }
      const cloneTarget = source?.egressTarget ?? null;
      if (record.egressIp) {
        this.egress.allow(record.egressIp, {
          sandboxId: id,
          registries: command.network === 'registries',
          extraTargets: new Set([...allowHosts, ...(cloneTarget ? [cloneTarget] : [])]),
        });
      }
      record.baseCommit = source ? await this.git.checkout(containerId, source) : await this.git.initEmpty(containerId);
      if (record.egressIp && cloneTarget) {
        // The git server was reachable for the clone only; afterwards the sandbox gets exactly the
        // network mode it asked for.
        this.egress.allow(record.egressIp, {
          sandboxId: id,
          registries: command.network === 'registries',
          extraTargets: new Set(allowHosts),
        });
      }
    } catch (error) {
      if (record.egressIp) this.egress.revoke(record.egressIp);
      await this.containers
        .remove(containerId)
        .catch((removeError: unknown) =>
          this.logger.warn(`cleaning up failed create ${id}: ${messageOf(removeError)}`),
        );
      throw error;
    }
    return this.arm(record);
  }

  private newRecord(
    id: string,
    containerId: string,
    command: CreateSandboxCommand,
    limits: SandboxLimits,
    stopped: Promise<void>,
    fromWarmPool: boolean,
  ): SandboxRecord {
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + limits.sandboxTimeoutMs);
    return {
      id,
      taskId: command.taskId,
      containerId,
      image: command.image,
      runtime: this.config.runtime,
      network: command.network,
      limits,
      env: command.env ?? {},
      state: 'running',
      baseCommit: '',
      createdAt,
      expiresAt,
      deadline: new Date(expiresAt.getTime() + this.config.maxHoldMs),
      fromWarmPool,
      killReason: null,
      egressIp: null,
      runningCommands: new Map(),
      snapshots: [],
      blockedEgress: new BlockedEgressLog(),
      dependencyReuse: null,
      stopped,
      expiryTimer: null,
      releaseSlot: () => undefined,
    };
  }

  /** Wall-clock limit of the sandbox, and bookkeeping when the container dies on its own. */
  private arm(record: SandboxRecord): SandboxRecord {
    this.scheduleExpiry(record);
    void record.stopped.then(() => this.terminator.markStopped(record));
    return record;
  }

  private scheduleExpiry(record: SandboxRecord): void {
    if (record.expiryTimer) clearTimeout(record.expiryTimer);
    const remaining = Math.max(0, record.expiresAt.getTime() - Date.now());
    record.expiryTimer = setTimeout(() => {
      this.logger.warn(`sandbox ${record.id} reached its expiry (${record.expiresAt.toISOString()}); killing it`);
      void this.terminator.kill(record, 'sandbox_timeout');
    }, remaining);
    record.expiryTimer.unref();
  }
}
