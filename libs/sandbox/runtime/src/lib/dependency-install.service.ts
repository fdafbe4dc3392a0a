import { Injectable } from '@nestjs/common';
import type { DependencyInstallResult, DependencyInstallStep, InstallDependenciesRequest } from '@patchbay/contracts';
import { planDependencyInstall, type DependencyInstallPlanStep } from './dependency-detection';
import { classifyInstallFailure } from './install-failure-classifier';
import type { SandboxRecord } from './sandbox-record';
import { SandboxExecService } from './sandbox-exec.service';
import { WorkspaceFilesService } from './workspace-files.service';
import { WarmEnvironmentService } from './warm-environment/warm-environment.service';

const OUTPUT_TAIL_CHARS = 4_000;
/**
 * A step that failed on the network runs once more after this pause: public registries and the
 * proxies in front of them refuse a request now and then (a 403 or a reset for one tarball, seen
 * on registry.npmjs.org), and a host the egress policy really blocks fails again within a second.
 */
const NETWORK_RETRY_DELAY_MS = 2_000;

/** Installs a repository's dependencies: its configured setup command, or what its manifests imply. */
@Injectable()
export class DependencyInstallService {
  /** Shortened by specs; not configuration. */
  networkRetryDelayMs = NETWORK_RETRY_DELAY_MS;

  constructor(
    private readonly files: WorkspaceFilesService,
    private readonly exec: SandboxExecService,
    private readonly warmEnvironments: WarmEnvironmentService,
  ) {}

  async install(record: SandboxRecord, request: InstallDependenciesRequest): Promise<DependencyInstallResult> {
    const warmWanted = this.warmEnvironments.enabledFor(record);
    const rootFiles = !request.setupCommand || warmWanted ? await this.rootFiles(record) : [];
    const plan = request.setupCommand
      ? [{ manifest: 'setup command', command: request.setupCommand }]
      : await this.detect(record, rootFiles);
    // A warm environment replaces the install only where the same install ran before (ADR 0033).
    const warm = warmWanted
      ? await this.warmEnvironments.keyFor(
          record,
          rootFiles,
          plan.map((step) => step.command),
        )
      : null;
    if (warm && plan.length > 0) {
      const restored = await this.warmEnvironments.restore(record, warm);
      if (restored) return { ok: true, steps: [], failure: null, warmEnvironment: restored };
    }
    const steps: DependencyInstallStep[] = [];
    for (const step of plan) {
      let result = await this.exec.exec(record, { command: step.command, timeoutMs: request.timeoutMs });
      if (result.exitCode !== 0 && classifyInstallFailure(outputOf(result), result.timedOut) === 'network_blocked') {
        await new Promise((resolve) => setTimeout(resolve, this.networkRetryDelayMs));
        result = await this.exec.exec(record, { command: step.command, timeoutMs: request.timeoutMs });
      }
      steps.push({
        manifest: step.manifest,
        command: step.command,
        exitCode: result.exitCode,
        durationMs: result.durationMs,
        timedOut: result.timedOut,
      });
      if (result.exitCode !== 0) {
        const output = outputOf(result);
        return {
          ok: false,
          steps,
          failure: {
            category: classifyInstallFailure(output, result.timedOut),
            outputTail: output.trim().slice(-OUTPUT_TAIL_CHARS),
            command: step.command,
          },
        };
      }
    }
    if (warm && plan.length > 0)
      return { ok: true, steps, failure: null, warmEnvironment: await this.warmEnvironments.save(record, warm) };
    return { ok: true, steps, failure: null };
  }

  private async rootFiles(record: SandboxRecord): Promise<string[]> {
    const listing = await this.files.list(record, '.', false, undefined, 10_000);
    return listing.entries.filter((entry) => entry.type === 'file').map((entry) => entry.path);
  }

  private async detect(record: SandboxRecord, rootFiles: string[]): Promise<DependencyInstallPlanStep[]> {
    const pyproject = rootFiles.includes('pyproject.toml')
      ? (await this.files.read(record, 'pyproject.toml')).content
      : undefined;
    return planDependencyInstall(rootFiles, pyproject);
  }
}

function outputOf(result: { stdout: string; stderr: string }): string {
  return `${result.stdout}\n${result.stderr}`;
}
