import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ExecRequest, ExecResult } from '@patchbay/contracts';
import { ContainerManager, messageOf, type RawExecHandle } from './container-manager.service';
import { OutputBuffer } from './output-buffer';
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
}

/**
 * Records the wrapper's pid in /tmp, so a timeout can find the command and everything it forked,
 * and refuses a working directory that resolves outside the workspace through a symlink (`cd -P`
 * makes $PWD physical without forking for `pwd -P`). Every fork costs milliseconds under gVisor's
 * ptrace platform, so the wrapper forks nothing: it execs into the command's shell.
 */
const EXEC_WRAPPER = [
  'echo $$ > "/tmp/.patchbay-$PATCHBAY_EXEC_ID.pid"',
  'cd -P -- "$PATCHBAY_CWD" 2>/dev/null || { echo "patchbay: working directory $PATCHBAY_CWD does not exist" >&2; exit 126; }',
  'case "$PWD" in /workspace|/workspace/*) ;; *) echo "patchbay: working directory resolves outside /workspace" >&2; exit 126;; esac',
  'unset PATCHBAY_CWD',
  'exec /bin/bash -c "$PATCHBAY_COMMAND"',
].join('; ');

/**
 * Kills the command and every descendant. Under runsc an exec's process leads its own session,
 * but gVisor's kill(-pgid) reaches only the group leader, and under runc it may lead nothing; so
 * the killer walks `ps` from the recorded pid (plus its group and session) down the parent links,
 * a few rounds in case something forked in between.
 */
const KILL_GROUP = [
  'root=$(cat "/tmp/.patchbay-$1.pid" 2>/dev/null) || exit 0',
  'for round in 1 2 3 4; do',
  '  pids=$(ps -eo pid=,ppid=,pgid=,sid= | awk -v g="$root" \'',
  '    { ppid[$1] = $2; if ($1 == g || $3 == g || $4 == g) mark[$1] = 1 }',
  '    END { changed = 1; while (changed) { changed = 0; for (p in ppid) if (!(p in mark) && (ppid[p] in mark)) { mark[p] = 1; changed = 1 } }',
  '          for (p in mark) print p }\')',
  '  [ -z "$pids" ] && break',
  '  kill -KILL $pids 2>/dev/null',
  'done',
  'true',
].join('\n');

/** How long a killed command may take to let go of its stream before the sandbox itself is killed. */
const KILL_GRACE_MS = 3_000;

type Outcome = { kind: 'exited'; exitCode: number | null } | { kind: 'timeout' } | { kind: 'stopped' };

@Injectable()
export class SandboxExecService {
  private readonly logger = new Logger(SandboxExecService.name);

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
    private readonly terminator: SandboxTerminator,
    private readonly metrics: SandboxMetrics,
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
      `PATCHBAY_EXEC_ID=${execId}`,
      `PATCHBAY_CWD=${cwd}`,
      `PATCHBAY_COMMAND=${request.command}`,
    ];

    const started = performance.now();
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
      const outcome = await this.awaitOutcome(record, handle, execId, timeoutMs);
      const durationMs = Math.round(performance.now() - started);
      const result = await this.toResult(record, outcome, stdout, stderr, durationMs);
      this.metrics.execDuration.observe({ outcome: result.timedOut ? 'timeout' : result.oomKilled ? 'oom' : 'exited' }, durationMs / 1000);
      return result;
    } finally {
      record.runningCommands.delete(execId);
    }
  }

  private async awaitOutcome(record: SandboxRecord, handle: RawExecHandle, execId: string, timeoutMs: number): Promise<Outcome> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    });
    const exited = handle.done.then((exitCode): Outcome => ({ kind: 'exited', exitCode }));
    const stopped = record.stopped.then((): Outcome => ({ kind: 'stopped' }));
    const first = await Promise.race([exited, timedOut, stopped]);
    clearTimeout(timer);

    if (first.kind === 'stopped') {
      handle.abort();
      return first;
    }
    if (first.kind === 'exited') {
      // A command that took the sandbox down with it (the memory limit) ends its stream with an
      // engine error before the container is reported stopped; give the stop a moment to land.
      if (first.exitCode === null || first.exitCode === 128 || first.exitCode === 137) {
        const settled = await Promise.race([stopped, delay(first.exitCode === null ? 2_000 : 300).then(() => first)]);
        if (settled.kind === 'stopped') return settled;
      }
      return first;
    }

    this.metrics.kills.inc({ reason: 'exec_timeout' });
    await this.killGroup(record, execId);
    const afterKill = await Promise.race([exited, stopped, delay(KILL_GRACE_MS).then((): null => null)]);
    if (afterKill === null) {
      // The group would not die (or could not be signalled, e.g. when a fork bomb holds every
      // process slot): the only hard kill left is the sandbox itself.
      this.logger.warn(`sandbox ${record.id}: command outlived its kill; killing the sandbox`);
      handle.abort();
      await this.terminator.kill(record, 'exec_timeout');
    }
    return first;
  }

  private async killGroup(record: SandboxRecord, execId: string): Promise<void> {
    try {
      const kill = await this.containers.exec(record.containerId, { cmd: ['/bin/bash', '-c', KILL_GROUP, 'patchbay-kill', execId] });
      await Promise.race([kill.done, delay(KILL_GRACE_MS)]);
      kill.abort();
    } catch (error) {
      this.logger.warn(`sandbox ${record.id}: could not signal timed-out command: ${messageOf(error)}`);
    }
  }

  private async toResult(
    record: SandboxRecord,
    outcome: Outcome,
    stdout: OutputBuffer,
    stderr: OutputBuffer,
    durationMs: number,
  ): Promise<ExecResult> {
    if (outcome.kind === 'stopped') await this.terminator.markStopped(record);
    const oomKilled = outcome.kind === 'stopped' && record.killReason === 'oom';
    return {
      exitCode: outcome.kind === 'exited' ? outcome.exitCode : null,
      stdout: stdout.toString(),
      stderr: stderr.toString(),
      durationMs,
      timedOut: outcome.kind === 'timeout',
      oomKilled,
      truncated: stdout.truncated || stderr.truncated,
      sandboxState: record.state,
    };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
