import { Inject, Injectable } from '@nestjs/common';
import type { SandboxLimitsInput } from '@patchbay/contracts';
import { ContainerManager } from './container-manager.service';
import type { SandboxConfig } from './sandbox-config';
import { SandboxBadRequestError } from './sandbox-errors';
import { SANDBOX_CONFIG } from './sandbox.tokens';

/**
 * Refuses limits the machine cannot honour. The request schema's bounds are the same everywhere
 * (a typo cannot ask for 4 TiB); this adds the host's: a sandbox promised more memory than the
 * machine has is OOM-killed at random later, or takes the host's other services down with it.
 */
@Injectable()
export class SandboxLimitsPolicy {
  private capacity: Promise<{ cpus: number; memoryMb: number }> | null = null;

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
  ) {}

  /** Checks the limits a create asked for; the configured defaults are the operator's business. */
  async check(requested: SandboxLimitsInput | undefined): Promise<void> {
    if (!requested) return;
    const problems: string[] = [];
    const { maxLimits } = this.config;
    if (requested.cpus !== undefined || requested.memoryMb !== undefined) {
      const host = await this.hostCapacity();
      if (requested.cpus !== undefined) {
        problems.push(
          ...over(
            'cpus',
            requested.cpus,
            maxLimits.cpus,
            'SANDBOX_MAX_CPUS',
            host.cpus,
            `the host's ${host.cpus} CPUs`,
          ),
        );
      }
      if (requested.memoryMb !== undefined) {
        problems.push(
          ...over(
            'memoryMb',
            requested.memoryMb,
            maxLimits.memoryMb,
            'SANDBOX_MAX_MEMORY_MB',
            host.memoryMb,
            `the host's ${host.memoryMb} MB of memory`,
          ),
        );
      }
    }
    if (requested.pids !== undefined && requested.pids > maxLimits.pids) {
      problems.push(`limits.pids: ${requested.pids} is more than the maximum of ${maxLimits.pids} (SANDBOX_MAX_PIDS)`);
    }
    if (problems.length > 0) throw new SandboxBadRequestError(problems.join('; '));
  }

  private hostCapacity(): Promise<{ cpus: number; memoryMb: number }> {
    if (!this.capacity) {
      this.capacity = this.containers.hostCapacity().catch((error: unknown) => {
        this.capacity = null;
        throw error;
      });
    }
    return this.capacity;
  }
}

/** The lower of the configured maximum and the host's capacity applies, and the message names it. */
function over(
  field: string,
  value: number,
  configured: number | null,
  variable: string,
  host: number,
  hostDescription: string,
): string[] {
  if (configured !== null && configured < host && value > configured) {
    return [`limits.${field}: ${value} is more than the maximum of ${configured} (${variable})`];
  }
  return value > host ? [`limits.${field}: ${value} is more than ${hostDescription}`] : [];
}
