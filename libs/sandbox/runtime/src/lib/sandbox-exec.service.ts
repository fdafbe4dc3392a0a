import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ExecRequest, ExecResult } from '@patchbay/contracts';
import { ContainerManager, messageOf, type RawExecHandle } from './container-manager.service';
import { EXEC_ID_VARIABLE, KILL_EXEC_SCRIPT, parseKillReport, type KillReport } from './exec-process-killer';
import { OomMonitor } from './oom-monitor.service';
import { OutputBuffer } from './output-buffer';
import { atProcessLimit, showsProcessLimit } from './process-limit-evidence';
import type { SandboxConfig } from './sandbox-config';
import { SandboxBadRequestError } from './sandbox-errors';
import { SandboxMetrics } from './sandbox-metrics';
import type { SandboxRecord } from './sandbox-record';
import { SandboxTerminator } from './sandbox-terminator.service';
import { SANDBOX_CONFIG } from './sandbox.tokens';
import { toWorkspacePath, WorkspacePathError } from './workspace-path';

export interface ExecHooks {
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Aborted when the caller gave up on the command (its HTTP request closed, its task was cancelled): the command's processes are killed. */
  signal?: AbortSignal;
}

/**
 * Refuses a working directory that resolves outside the workspace through a symlink (`cd -P`
 * makes $PWD physical without forking for `pwd -P`). Every fork costs milliseconds under gVisor's
 * ptrace platform, so the wrapper forks nothing: it execs into the command's shell.
 */
const EXEC_WRAPPER = [
  'cd -P -- "$PATCHBAY_CWD" 2>/dev/null || { echo "patchbay: working directory $PATCHBAY_CWD does not exist" >&2; exit 126; }',
  'case "$PWD" in /workspace|/workspace/*) ;; *) echo "patchbay: working directory resolves outside /workspace" >&2; exit 126;; esac',
  'unset PATCHBAY_CWD',
  'exec /bin/bash -c "$PATCHBAY_COMMAND"',
].join('; ');

/** How long a killed command may take to let go of its stream before the sandbox itself is killed. */
const KILL_GRACE_MS = 3_000;

/**
 * After an exit by SIGKILL (137), how long to wait for the engine's OOM event before taking the
 * exit for an ordinary kill. The event is usually in before the exit status; this covers a busy host.
 */
const OOM_EVENT_WAIT_MS = 2_000;

/**
 * After an exec lost its sandbox (runsc exec answers 128, the engine's stream ends without a
 * status), how long to wait for the engine to report the container stopped. The attack run's
 * memory bomb got its answer first and was reported as an ordinary exit.
 */
const SANDBOX_STOP_WAIT_MS = 5_000;

type Outcome =
  | { kind: 'exited'; exitCode: number | null }
  | { kind: 'timeout'; report: KillReport | null }
  | { kind: 'stopped' }
  | { kind: 'aborted'; report: KillReport | null };

@Injectable()
export class SandboxExecService {
  private readonly logger = new Logger(SandboxExecService.name);

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
    private readonly terminator: SandboxTerminator,
    private readonly metrics: SandboxMetrics,
    private readonly oom: OomMonitor,
  ) {}

  async exec(record: SandboxRecord, request: ExecRequest, hooks: ExecHooks = {}): Promise<ExecResult> {
    let cwd: string;
    try {
      cwd = toWorkspacePath(request.cwd ?? '.');
    } catch (error) {
      if (error instanceof WorkspacePathError) throw new SandboxBadRequestError(`cwd: ${error.message}`);
      throw error;
    }
    const timeoutMs = request.timeoutMs ?? record.limits.execTimeoutMs;
    const execId = randomUUID();
    const stdout = new OutputBuffer(this.config.outputLimitBytes);
    const stderr = new OutputBuffer(this.config.outputLimitBytes);
    const env = [
      ...Object.entries({ ...record.env, ...request.env }).map(([key, value]) => `${key}=${value}`),
      `${EXEC_ID_VARIABLE}=${execId}`,
      `PATCHBAY_CWD=${cwd}`,
      `PATCHBAY_COMMAND=${request.command}`,
    ];

    const started = performance.now();
    const oomKillsBefore = this.oom.count(record.containerId);
    record.runningCommands.set(execId, request.command);
    let handle: RawExecHandle | null = null;
    try {
      handle = await this.containers.exec(record.containerId, {
        cmd: ['/bin/bash', '-c', EXEC_WRAPPER],
        env,
        onStdout: (chunk) => {
          stdout.append(chunk);
          hooks.onStdout?.(chunk);
        },
        onStderr: (chunk) => {
          stderr.append(chunk);
          hooks.onStderr?.(chunk);
        },
      });
      const outcome = await this.awaitOutcome(record, handle, execId, timeoutMs, oomKillsBefore, hooks.signal);
      const durationMs = Math.round(performance.now() - started);
      const result = await this.toResult(record, outcome, stdout, stderr, durationMs, oomKillsBefore);
      this.metrics.execDuration.observe(
        { outcome: result.timedOut ? 'timeout' : result.oomKilled ? 'oom' : 'exited' },
        durationMs / 1000,
      );
      return result;
    } finally {
      record.runningCommands.delete(execId);
    }
  }

  private async awaitOutcome(
    record: SandboxRecord,
    handle: RawExecHandle,
    execId: string,
    timeoutMs: number,
    oomKillsBefore: number,
    signal?: AbortSignal,
  ): Promise<Outcome> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      if (signal?.aborted) resolve('aborted');
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    const exited = handle.done.then((exitCode): Outcome => ({ kind: 'exited', exitCode }));
    const stopped = record.stopped.then((): Outcome => ({ kind: 'stopped' }));
    const first = await Promise.race([exited, timedOut, stopped, aborted]);
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);

    if (first === 'timeout') return this.killAfterTimeout(record, handle, execId, exited, stopped);
    if (first === 'aborted') return this.killAfterAbort(record, handle, execId);
    if (first.kind === 'exited') return this.settleExit(record, first, stopped, oomKillsBefore);
    handle.abort();
    return first;
  }

  /**
   * An exit by SIGKILL, or an exec that lost its sandbox, may be the host's OOM killer at work;
   * the engine's word on it (an OOM event, the container stopping) can land after the exit status.
   * Any other exit is taken as it is.
   */
  private async settleExit(
    record: SandboxRecord,
    exit: { kind: 'exited'; exitCode: number | null },
    stopped: Promise<Outcome>,
    oomKillsBefore: number,
  ): Promise<Outcome> {
    const lostSandbox = exit.exitCode === null || exit.exitCode === 128;
    if (!lostSandbox && exit.exitCode !== 137) return exit;
    const oomKill = this.oom.waitForKill(
      record.containerId,
      oomKillsBefore,
      lostSandbox ? SANDBOX_STOP_WAIT_MS : OOM_EVENT_WAIT_MS,
    );
    const settled = await Promise.race([stopped, oomKill]);
    if (settled === false) return exit;
    if (settled !== true) return settled;
    // The OOM killer struck: if it took the sandbox (the usual case under gVisor, whose sentry
    // holds the sandbox's memory) the container stop follows.
    const gone = await Promise.race([stopped, delay(SANDBOX_STOP_WAIT_MS).then(() => null)]);
    return gone ?? exit;
  }

  private async killAfterTimeout(
    record: SandboxRecord,
    handle: RawExecHandle,
    execId: string,
    exited: Promise<Outcome>,
    stopped: Promise<Outcome>,
  ): Promise<Outcome> {
    this.metrics.kills.inc({ reason: 'exec_timeout' });
    const report = await this.killExecProcesses(record, execId);
    const afterKill = await Promise.race([exited, stopped, delay(KILL_GRACE_MS).then((): null => null)]);
    if (afterKill === null) {
      // Something still holds the command's stream: the only hard kill left is the sandbox itself.
      this.logger.warn(`sandbox ${record.id}: command outlived its kill; killing the sandbox`);
      handle.abort();
      await this.terminator.kill(record, 'exec_timeout');
    }
    return { kind: 'timeout', report };
  }

  /** Nobody waits for the result any more: the command's processes go, the stream is dropped. */
  private async killAfterAbort(record: SandboxRecord, handle: RawExecHandle, execId: string): Promise<Outcome> {
    this.metrics.kills.inc({ reason: 'exec_aborted' });
    const report = await this.killExecProcesses(record, execId);
    handle.abort();
    this.logger.log(
      `sandbox ${record.id}: exec ${execId} aborted by its caller; ${report?.killed ?? 0} process(es) killed`,
    );
    return { kind: 'aborted', report };
  }

  /** Kills every process the exec `execId` started (a timed-out command, a cut-off MCP server). */
  async killExecProcesses(record: SandboxRecord, execId: string): Promise<KillReport | null> {
    const output: Buffer[] = [];
    try {
      const kill = await this.containers.exec(record.containerId, {
        cmd: ['/bin/bash', '-c', KILL_EXEC_SCRIPT, 'patchbay-kill', execId],
        // A fork bomb fills the process limit; the killer forks nothing but must start.
        exemptFromProcessLimit: true,
        onStdout: (chunk) => output.push(chunk),
      });
      const finished = await Promise.race([kill.done.then(() => true), delay(KILL_GRACE_MS).then(() => false)]);
      if (!finished) kill.abort();
    } catch (error) {
      this.logger.warn(`sandbox ${record.id}: could not kill the timed-out command: ${messageOf(error)}`);
    }
    return parseKillReport(Buffer.concat(output).toString('utf8'));
  }

  private async toResult(
    record: SandboxRecord,
    outcome: Outcome,
    stdout: OutputBuffer,
    stderr: OutputBuffer,
    durationMs: number,
    oomKillsBefore: number,
  ): Promise<ExecResult> {
    if (outcome.kind === 'stopped') await this.terminator.markStopped(record);
    const errorOutput = stderr.toString();
    const report = outcome.kind === 'timeout' || outcome.kind === 'aborted' ? outcome.report : null;
    return {
      exitCode: outcome.kind === 'exited' ? outcome.exitCode : null,
      stdout: stdout.toString(),
      stderr: errorOutput,
      durationMs,
      timedOut: outcome.kind === 'timeout',
      killedProcesses: report?.killed ?? 0,
      oomKilled:
        (outcome.kind === 'stopped' && record.killReason === 'oom') ||
        this.oom.count(record.containerId) > oomKillsBefore,
      pidsLimitReached:
        showsProcessLimit(errorOutput) || (report !== null && atProcessLimit(report.tasks, record.limits.pids)),
      truncated: stdout.truncated || stderr.truncated,
      sandboxState: record.state,
    };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
