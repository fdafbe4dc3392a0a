import { Inject, Injectable, Logger } from '@nestjs/common';
import Docker from 'dockerode';
import { randomUUID } from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import type { SandboxLimits } from '@patchbay/contracts';
import { SANDBOX_CONFIG } from './sandbox.tokens';
import { EXEC_ID_VARIABLE } from './exec-process-killer';
import { RunscDirectExec, type ExecProfile } from './runsc-direct-exec';
import type { SandboxConfig } from './sandbox-config';
import { SANDBOX_LABELS } from './sandbox-labels';
import { SandboxUnavailableError } from './sandbox-errors';

export const SANDBOX_UID = 1000;

export interface SandboxContainerSpec {
  name: string;
  image: string;
  runtime: string;
  limits: SandboxLimits;
  /** 'none', or the name of the internal egress network. */
  networkMode: string;
  env: string[];
  labels: Record<string, string>;
  /** Named volumes (the repository's package cache, ADR 0033); never a host path. */
  volumes?: Array<{ volume: string; target: string }>;
}

export interface RawExecOptions {
  cmd: string[];
  env?: string[];
  stdin?: Buffer;
  /**
   * Keeps stdin open for the life of the process and hands it out as `RawExecHandle.stdin`: a
   * long-running conversation over stdio (an MCP server). Not with `stdin`.
   */
  interactive?: boolean;
  /**
   * Start even when the sandbox's processes are at their limit. gVisor counts an exec against
   * RLIMIT_NPROC and refuses it ("try again") while a fork bomb holds every slot; a raised rlimit
   * in the exec's spec does not change that, CAP_SYS_RESOURCE does. Only for the timeout's killer,
   * a fixed script that forks nothing; only direct exec can grant it (the engine's exec has no
   * per-exec capabilities), so through the engine the killer may not start and the sandbox is killed.
   */
  exemptFromProcessLimit?: boolean;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
}

export interface RawExecHandle {
  /** Resolves with the exit code once the process ends, or null when the stream was torn down. */
  done: Promise<number | null>;
  /** Tears down the attached stream; the process itself keeps running unless killed separately. */
  abort: () => void;
  /** The process's stdin, only for an `interactive` exec. */
  stdin?: Writable;
}

export interface ContainerState {
  running: boolean;
  oomKilled: boolean;
  exitCode: number | null;
}

export interface ManagedContainer {
  containerId: string;
  labels: Record<string, string>;
  running: boolean;
}

/**
 * The only code that talks to the Docker engine. Everything here is mechanism: creating a hardened
 * container, attaching to an exec, killing and listing; the rules live in the services above it.
 */
@Injectable()
export class ContainerManager {
  private readonly logger = new Logger(ContainerManager.name);
  readonly docker: Docker;
  private readonly direct: RunscDirectExec;
  /** Per started container: what a direct exec inherits from it. */
  private readonly execProfiles = new Map<string, ExecProfile>();

  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {
    this.docker = new Docker({ socketPath: config.dockerSocket });
    this.direct = new RunscDirectExec(config);
  }

  async ping(): Promise<boolean> {
    try {
      await this.docker.ping();
      return true;
    } catch {
      return false;
    }
  }

  /** CPUs and memory of the machine the engine runs on (not of this process's container). */
  async hostCapacity(): Promise<{ cpus: number; memoryMb: number }> {
    try {
      const info = (await this.docker.info()) as { NCPU?: number; MemTotal?: number };
      return { cpus: info.NCPU ?? 1, memoryMb: Math.floor((info.MemTotal ?? 0) / (1024 * 1024)) };
    } catch (error) {
      throw new SandboxUnavailableError(`docker engine unreachable: ${messageOf(error)}`);
    }
  }

  async imageExists(image: string): Promise<boolean> {
    try {
      await this.docker.getImage(image).inspect();
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw new SandboxUnavailableError(`docker engine unreachable: ${messageOf(error)}`);
    }
  }

  /** Creates and starts the container; returns its id. */
  async createAndStart(spec: SandboxContainerSpec): Promise<string> {
    const { limits } = spec;
    const mb = 1024 * 1024;
    const tmpfs = (sizeMb: number, owned: boolean) =>
      `rw,exec,nosuid,nodev,size=${sizeMb}m,${owned ? `uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=0755` : 'mode=1777'}`;
    const container = await this.docker.createContainer({
      name: spec.name,
      Image: spec.image,
      Cmd: ['sleep', 'infinity'],
      User: `${SANDBOX_UID}:${SANDBOX_UID}`,
      WorkingDir: '/workspace',
      Env: spec.env,
      Labels: spec.labels,
      NetworkDisabled: spec.networkMode === 'none',
      HostConfig: {
        Runtime: spec.runtime,
        NetworkMode: spec.networkMode,
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        NanoCpus: Math.round(limits.cpus * 1e9),
        Memory: limits.memoryMb * mb,
        MemorySwap: limits.memoryMb * mb,
        // Under gVisor the host pids cgroup counts the sentry's host threads (about eight per guest
        // process with the ptrace platform), not guest processes, and the sandbox dies when it is
        // exhausted. The guest limit is RLIMIT_NPROC, which gVisor enforces on fork; the cgroup
        // limit is only a generous backstop.
        PidsLimit: limits.pids * 16 + 512,
        Ulimits: [{ Name: 'nproc', Soft: limits.pids, Hard: limits.pids }],
        Tmpfs: {
          '/workspace': tmpfs(this.config.workspaceSizeMb, true),
          '/home/agent': tmpfs(256, true),
          '/tmp': tmpfs(this.config.tmpSizeMb, false),
        },
        // An init that reaps orphans: killed commands' children would otherwise pile up as zombies
        // under `sleep`, each holding one of the pids the sandbox is allowed.
        Mounts: (spec.volumes ?? []).map((mount) => ({
          Type: 'volume' as const,
          Source: mount.volume,
          Target: mount.target,
        })),
        Init: true,
        IpcMode: 'private',
        Privileged: false,
        AutoRemove: false,
      },
    });
    try {
      await container.start();
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      throw error;
    }
    if (this.direct.handles(container.id)) await this.rememberExecProfile(container);
    return container.id;
  }

  /** Reads what an exec inherits (the image's env included), so direct execs match the engine's. */
  private async rememberExecProfile(container: Docker.Container): Promise<void> {
    const info = await container.inspect();
    this.execProfiles.set(container.id, {
      // The engine gives every exec HOSTNAME on top of the container's env.
      env: [`HOSTNAME=${info.Config.Hostname}`, ...(info.Config.Env ?? [])],
      cwd: info.Config.WorkingDir || '/',
      uid: SANDBOX_UID,
      gid: SANDBOX_UID,
      rlimits: (info.HostConfig.Ulimits ?? []).map((limit) => ({
        type: `RLIMIT_${(limit.Name ?? '').toUpperCase()}`,
        hard: limit.Hard ?? 0,
        soft: limit.Soft ?? 0,
      })),
    });
  }

  async containerIp(containerId: string, network: string): Promise<string | null> {
    const info = await this.docker.getContainer(containerId).inspect();
    const address = info.NetworkSettings.Networks?.[network]?.IPAddress;
    return address ? address : null;
  }

  async exec(containerId: string, requested: RawExecOptions): Promise<RawExecHandle> {
    const options = { ...requested, env: withExecId(requested.env ?? []) };
    // A profile exists only for containers direct exec could reach when they started.
    const profile = this.execProfiles.get(containerId);
    if (profile) return this.direct.exec(containerId, profile, options);
    const exec = await this.docker.getContainer(containerId).exec({
      Cmd: options.cmd,
      Env: options.env,
      User: `${SANDBOX_UID}:${SANDBOX_UID}`,
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: options.stdin !== undefined || options.interactive === true,
    });
    const stream = await exec.start({
      hijack: true,
      stdin: options.stdin !== undefined || options.interactive === true,
    });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    if (options.onStdout) stdout.on('data', options.onStdout);
    if (options.onStderr) stderr.on('data', options.onStderr);
    this.docker.modem.demuxStream(stream, stdout, stderr);

    let aborted = false;
    const ended = new Promise<void>((resolve) => {
      stream.once('end', () => resolve());
      stream.once('close', () => resolve());
      stream.once('error', () => resolve());
    });
    if (options.stdin !== undefined) {
      stream.write(options.stdin);
      // Half-closing the hijacked connection is how the engine learns that stdin reached EOF.
      stream.end();
    }
    const done = ended.then(async () => {
      stdout.end();
      stderr.end();
      if (aborted) return null;
      return this.waitForExitCode(exec);
    });
    return {
      done,
      abort: () => {
        aborted = true;
        stream.destroy();
      },
      stdin: options.interactive ? stream : undefined,
    };
  }

  /** Convenience for short internal commands: runs to completion and collects output. */
  async run(
    containerId: string,
    cmd: string[],
    stdin?: Buffer,
  ): Promise<{ exitCode: number | null; stdout: Buffer; stderr: Buffer }> {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const handle = await this.exec(containerId, {
      cmd,
      stdin,
      onStdout: (chunk) => out.push(chunk),
      onStderr: (chunk) => err.push(chunk),
    });
    const exitCode = await handle.done;
    return { exitCode, stdout: Buffer.concat(out), stderr: Buffer.concat(err) };
  }

  async state(containerId: string): Promise<ContainerState | null> {
    try {
      const info = await this.docker.getContainer(containerId).inspect();
      return { running: info.State.Running, oomKilled: info.State.OOMKilled, exitCode: info.State.ExitCode ?? null };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** Resolves when the container stops, for whatever reason. */
  async waitForStop(containerId: string): Promise<void> {
    try {
      await this.docker.getContainer(containerId).wait();
    } catch (error) {
      if (statusOf(error) !== 404) this.logger.warn(`waiting on ${containerId} failed: ${messageOf(error)}`);
    }
  }

  async kill(containerId: string): Promise<void> {
    try {
      await this.docker.getContainer(containerId).kill({ signal: 'SIGKILL' });
    } catch (error) {
      const status = statusOf(error);
      if (status !== 404 && status !== 409) throw error;
    }
  }

  async remove(containerId: string): Promise<void> {
    this.execProfiles.delete(containerId);
    try {
      await this.docker.getContainer(containerId).remove({ force: true, v: true });
    } catch (error) {
      const status = statusOf(error);
      if (status !== 404 && status !== 409) throw error;
    }
  }

  async listManaged(): Promise<ManagedContainer[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${SANDBOX_LABELS.managed}=1`] },
    });
    return containers.map((c) => ({ containerId: c.Id, labels: c.Labels ?? {}, running: c.State === 'running' }));
  }

  private async waitForExitCode(exec: Docker.Exec): Promise<number | null> {
    // The stream can close a moment before the engine records the exit code. Usually that moment
    // is a millisecond or two, so the polling starts tight and backs off (≈ 0.4 s in all): a fixed
    // 25 ms step cost most execs a whole step, a quarter of a warm sandbox's first-command latency.
    const delays = [1, 2, 4, 8, 16, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25];
    for (const delay of delays) {
      try {
        const info = await exec.inspect();
        if (!info.Running) return info.ExitCode ?? null;
      } catch {
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    return null;
  }
}

/**
 * Every process started in a sandbox carries an exec id, so a timeout can tell what a command
 * started from what others did; one that carries none has emptied its environment on purpose.
 */
function withExecId(env: string[]): string[] {
  return env.some((entry) => entry.startsWith(`${EXEC_ID_VARIABLE}=`))
    ? env
    : [...env, `${EXEC_ID_VARIABLE}=${randomUUID()}`];
}

export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const value = error.statusCode;
    return typeof value === 'number' ? value : undefined;
  }
  return undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
