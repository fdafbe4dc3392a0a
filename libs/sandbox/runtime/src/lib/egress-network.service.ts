import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { ContainerManager, statusOf } from './container-manager.service';
import { EgressAddressPolicy } from './egress-address-policy';
import { EgressProxy, type EgressDecision, type EgressPolicy } from './egress-proxy';
import type { SandboxConfig } from './sandbox-config';
import { SANDBOX_LABELS } from './sandbox-labels';
import { SandboxMetrics } from './sandbox-metrics';
import { SandboxRegistry } from './sandbox-registry';
import { SANDBOX_CONFIG } from './sandbox.tokens';

const run = promisify(execFile);

export interface EgressEndpoint {
  network: string;
  proxyUrl: string;
}

/**
 * Owns the plumbing of `registries` mode: an internal Docker bridge (no route off the host, no
 * traffic between sandboxes), host firewall rules so the only host port a sandbox can reach on that
 * bridge is the proxy's, and the filtering proxy itself, listening on the bridge's gateway address.
 */
@Injectable()
export class EgressNetworkService implements OnModuleDestroy {
  private readonly logger = new Logger(EgressNetworkService.name);
  private ready: Promise<EgressEndpoint> | null = null;
  private proxy: EgressProxy | null = null;
  private inputRules: string[][] = [];

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
    private readonly registry: SandboxRegistry,
    private readonly metrics: SandboxMetrics,
    private readonly addresses: EgressAddressPolicy,
  ) {}

  /** Idempotent; the first registries-mode sandbox pays for setting it up. */
  endpoint(): Promise<EgressEndpoint> {
    if (!this.ready) {
      this.ready = this.setUp().catch((error: unknown) => {
        this.ready = null;
        throw error;
      });
    }
    return this.ready;
  }

  allow(sourceIp: string, policy: EgressPolicy): void {
    this.proxy?.setPolicy(sourceIp, policy);
  }

  revoke(sourceIp: string): void {
    this.proxy?.removePolicy(sourceIp);
  }

  async onModuleDestroy(): Promise<void> {
    await this.proxy?.close();
    for (const rule of this.inputRules) await iptables(['-D', ...rule]).catch(() => undefined);
    this.inputRules = [];
  }

  private async setUp(): Promise<EgressEndpoint> {
    const name = this.config.egress.network;
    const bridge = `pbx-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
    const gateway = await this.ensureNetwork(name, bridge);
    const proxy = new EgressProxy({
      allowHosts: this.config.egress.allowHosts,
      addresses: this.addresses,
      onBlocked: (d) => this.recordBlocked(d),
    });
    const port = await proxy.listen(gateway, this.config.egress.proxyPort);
    this.proxy = proxy;
    await this.confineHostInput(bridge, port);
    this.logger.log(`egress proxy listening on ${gateway}:${port} (network ${name}, bridge ${bridge})`);
    return { network: name, proxyUrl: `http://${gateway}:${port}` };
  }

  private async ensureNetwork(name: string, bridge: string): Promise<string> {
    const docker = this.containers.docker;
    try {
      await docker.getNetwork(name).inspect();
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      await docker.createNetwork({
        Name: name,
        Driver: 'bridge',
        Internal: true,
        CheckDuplicate: true,
        Labels: { [SANDBOX_LABELS.managed]: 'network' },
        Options: {
          'com.docker.network.bridge.name': bridge,
          'com.docker.network.bridge.enable_icc': 'false',
        },
      });
    }
    const info = (await docker.getNetwork(name).inspect()) as { IPAM?: { Config?: Array<{ Gateway?: string }> } };
    const gateway = info.IPAM?.Config?.[0]?.Gateway;
    if (!gateway) throw new Error(`egress network ${name} has no gateway address`);
    return gateway;
  }

  /**
   * Traffic from the bridge to the host's own addresses is INPUT, not FORWARD, so Docker's internal
   * flag does not stop it: without these rules a sandbox could reach any host service listening on
   * 0.0.0.0 (databases, the message broker). Only the proxy port stays open.
   */
  private async confineHostInput(bridge: string, port: number): Promise<void> {
    const drop = ['INPUT', '-i', bridge, '-j', 'DROP'];
    const accept = ['INPUT', '-i', bridge, '-p', 'tcp', '--dport', String(port), '-j', 'ACCEPT'];
    if (
      !(await iptables(['-C', ...drop]).then(
        () => true,
        () => false,
      ))
    )
      await iptables(['-I', ...drop.slice(0, 1), '1', ...drop.slice(1)]);
    if (
      !(await iptables(['-C', ...accept]).then(
        () => true,
        () => false,
      ))
    ) {
      await iptables(['-I', ...accept.slice(0, 1), '1', ...accept.slice(1)]);
      this.inputRules.push(accept);
    }
  }

  private recordBlocked(decision: EgressDecision): void {
    this.metrics.egressBlocked.inc();
    const record = decision.sandboxId ? this.registry.find(decision.sandboxId) : undefined;
    this.logger.warn(
      `egress refused: ${decision.host}:${decision.port} from ${decision.sandboxId ?? decision.sourceIp} (${decision.reason})`,
    );
    if (!record) return;
    record.blockedEgress.record({
      host: decision.host,
      port: decision.port,
      reason: decision.reason,
      at: new Date().toISOString(),
      commands: [...record.runningCommands.values()],
    });
  }
}

async function iptables(args: string[]): Promise<void> {
  await run('iptables', ['-w', '5', ...args]);
}
