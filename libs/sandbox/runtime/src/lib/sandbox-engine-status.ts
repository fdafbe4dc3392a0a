import { Inject, Injectable } from '@nestjs/common';
import { ContainerManager } from './container-manager.service';
import type { SandboxConfig } from './sandbox-config';
import { SandboxEngineUnavailableError } from './sandbox-errors';
import { SANDBOX_CONFIG } from './sandbox.tokens';

export type SandboxEngineState = { available: true; runtimes: string[] } | { available: false; reason: string };

/**
 * Whether sandboxes can be created at all: the Docker engine answers and lists the runtimes this
 * service starts containers with. Asked by /readyz and before every create, so a missing engine
 * is reported as what it is instead of as whatever the first engine call happens to throw, and
 * an engine that comes up later is used without a restart.
 */
@Injectable()
export class SandboxEngineStatus {
  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
  ) {}

  async check(): Promise<SandboxEngineState> {
    let runtimes: string[];
    try {
      const info = (await this.containers.docker.info()) as { Runtimes?: Record<string, unknown> };
      runtimes = Object.keys(info.Runtimes ?? {});
    } catch (error) {
      return {
        available: false,
        reason: `the Docker engine at ${this.config.dockerSocket} does not answer (${reasonOf(error)})`,
      };
    }
    const wanted = this.config.runtime === 'runc' ? ['runc'] : [this.config.runtime, this.config.netRuntime];
    const missing = wanted.filter((name) => !runtimes.includes(name));
    if (missing.length > 0)
      return {
        available: false,
        reason: `the Docker engine has no ${missing.join(' or ')} runtime registered (gVisor is not set up)`,
      };
    return { available: true, runtimes };
  }

  /** Throws the error callers recognise (503, "Sandbox Engine Unavailable") when the engine is not usable. */
  async assertAvailable(): Promise<void> {
    const state = await this.check();
    if (!state.available) throw new SandboxEngineUnavailableError(state.reason);
  }
}

/** Socket errors come from Node's own realm, so `instanceof Error` is not a reliable test here. */
function reasonOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
