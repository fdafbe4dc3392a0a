import type { SandboxInfo } from '@patchbay/contracts';
import { needsDependencyInstall } from '@patchbay/local-forge';
import type { PipelineDependencies } from '../../pipeline-dependencies';
import { hasStdioMcpServers } from './mcp-servers';
import type { TaskBrief } from './task-graph.state';

/**
 * Creates a sandbox for a task's repository at a commit, set up the same way wherever one is made
 * (the task's own in analyse, a best-of-N candidate's, a fork's): only a repository with packages
 * to install (or stdio MCP servers, installed with npm; ADR 0029) gets the registries-only
 * network, the rest run with none; the repository's allowed egress hosts (ADR 0032); and its
 * package cache and warm environment when it installs (ADR 0033). Says whether the caller must run
 * the install. `signal` (a cancelled task) leaves the sandbox service's queue when all its slots
 * are busy (ADR 0038).
 */
export async function createTaskSandbox(
  deps: PipelineDependencies,
  brief: TaskBrief,
  at: { image: string; commit: string },
  signal?: AbortSignal,
): Promise<{ sandbox: SandboxInfo; install: boolean }> {
  const install = brief.setupCommand !== null || (await needsDependencyInstall(brief.barePath, brief.baseBranch));
  const mcp = await hasStdioMcpServers(deps, brief);
  const sandbox = await deps.sandbox.create(
    {
      taskId: brief.taskId,
      image: at.image,
      network: install || mcp ? 'registries' : 'none',
      source: { kind: 'local-bare', path: brief.barePath, commit: at.commit },
      // An admin's decision (ADR 0032); the proxy still judges each address the names resolve to.
      egressAllowHosts: brief.egressAllowedHosts ?? [],
      reuseDependencies: install,
    },
    signal,
  );
  return { sandbox, install };
}
