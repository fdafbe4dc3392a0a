import type { ExecResult } from '@patchbay/contracts';
import { DependencyInstallService } from './dependency-install.service';
import type { SandboxExecService } from './sandbox-exec.service';
import type { SandboxRecord } from './sandbox-record';
import type { WorkspaceFilesService } from './workspace-files.service';
import type { WarmEnvironmentService } from './warm-environment/warm-environment.service';

const RECORD = { id: 'sbx-1', taskId: 'task-1' } as SandboxRecord;
const REGISTRY_403 =
  'npm ERR! code E403\nnpm ERR! 403 403 Forbidden - GET https://registry.npmjs.org/@babel/core/-/core-7.24.0.tgz';

function result(exitCode: number, stderr = ''): ExecResult {
  return {
    exitCode,
    stdout: '',
    stderr,
    durationMs: 10,
    timedOut: false,
    killedProcesses: 0,
    oomKilled: false,
    pidsLimitReached: false,
    truncated: false,
    sandboxState: 'running',
  };
}

/** The install service with its command runner answering from a list, one answer per run. */
function installerAnswering(...answers: ExecResult[]): { installer: DependencyInstallService; runs: string[] } {
  const runs: string[] = [];
  const exec = {
    exec: async (_record: SandboxRecord, request: { command: string }) => {
      runs.push(request.command);
      const answer = answers.shift();
      if (!answer) throw new Error('ran more often than the spec expected');
      return answer;
    },
  };
  const noWarmEnvironments = { enabledFor: () => false } as unknown as WarmEnvironmentService;
  const installer = new DependencyInstallService(
    {} as WorkspaceFilesService,
    exec as unknown as SandboxExecService,
    noWarmEnvironments,
  );
  installer.networkRetryDelayMs = 1;
  return { installer, runs };
}

describe('DependencyInstallService', () => {
  it('runs a step that failed on the network once more, and reports the second outcome', async () => {
    const { installer, runs } = installerAnswering(result(1, REGISTRY_403), result(0));
    const installed = await installer.install(RECORD, { setupCommand: 'npm ci', timeoutMs: 60_000 });
    expect(runs).toEqual(['npm ci', 'npm ci']);
    expect(installed).toMatchObject({ ok: true, failure: null, steps: [{ command: 'npm ci', exitCode: 0 }] });
  });

  it('reports a network failure that happens twice as network_blocked', async () => {
    const { installer, runs } = installerAnswering(result(1, REGISTRY_403), result(1, REGISTRY_403));
    const installed = await installer.install(RECORD, { setupCommand: 'npm ci', timeoutMs: 60_000 });
    expect(runs).toHaveLength(2);
    expect(installed.failure).toMatchObject({ category: 'network_blocked', command: 'npm ci' });
  });

  it('does not retry a failure the network did not cause', async () => {
    const { installer, runs } = installerAnswering(
      result(1, 'npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve'),
    );
    const installed = await installer.install(RECORD, { setupCommand: 'npm ci', timeoutMs: 60_000 });
    expect(runs).toEqual(['npm ci']);
    expect(installed.failure?.category).toBe('resolution_conflict');
  });
});
