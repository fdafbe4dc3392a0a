import { Injectable } from '@nestjs/common';
import type { DependencyInstallResult, DependencyInstallStep, InstallDependenciesRequest } from '@patchbay/contracts';
import { planDependencyInstall, type DependencyInstallPlanStep } from './dependency-detection';
import { classifyInstallFailure } from './install-failure-classifier';
import type { SandboxRecord } from './sandbox-record';
import { SandboxExecService } from './sandbox-exec.service';
import { WorkspaceFilesService } from './workspace-files.service';

const OUTPUT_TAIL_CHARS = 4_000;

/** Installs a repository's dependencies: its configured setup command, or what its manifests imply. */
@Injectable()
export class DependencyInstallService {
  constructor(
    private readonly files: WorkspaceFilesService,
    private readonly exec: SandboxExecService,
  ) {}

  async install(record: SandboxRecord, request: InstallDependenciesRequest): Promise<DependencyInstallResult> {
    const plan = request.setupCommand
      ? [{ manifest: 'setup command', command: request.setupCommand }]
      : await this.detect(record);
    const steps: DependencyInstallStep[] = [];
    for (const step of plan) {
      const result = await this.exec.exec(record, { command: step.command, timeoutMs: request.timeoutMs });
      steps.push({
        manifest: step.manifest,
        command: step.command,
        exitCode: result.exitCode,
        durationMs: result.durationMs,
        timedOut: result.timedOut,
      });
      if (result.exitCode !== 0) {
        const output = `${result.stdout}\n${result.stderr}`;
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
    return { ok: true, steps, failure: null };
  }

  private async detect(record: SandboxRecord): Promise<DependencyInstallPlanStep[]> {
    const listing = await this.files.list(record, '.', false, undefined, 10_000);
    const rootFiles = listing.entries.filter((entry) => entry.type === 'file').map((entry) => entry.path);
    const pyproject = rootFiles.includes('pyproject.toml')
      ? (await this.files.read(record, 'pyproject.toml')).content
      : undefined;
    return planDependencyInstall(rootFiles, pyproject);
  }
}
