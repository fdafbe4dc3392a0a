import type { RunCodingStepCommand } from '@patchbay/contracts';
import type { PipelineDependencies } from '../../pipeline-dependencies';
import type { TaskBrief } from './task-graph.state';

/**
 * The stdio MCP servers the coder starts in the task's sandbox (ADR 0029): the organisation's and
 * the repository's, read at each round so a server removed meanwhile is not started again.
 * Remote servers are not handed to agents yet (docs/adr/0029-mcp-tools.md, "Remaining").
 */
export async function stdioMcpServersOf(
  deps: Pick<PipelineDependencies, 'mcpServers'>,
  brief: Pick<TaskBrief, 'organisationId' | 'repositoryId'>,
): Promise<Pick<RunCodingStepCommand, 'mcpServers'>> {
  const registered = (await deps.mcpServers?.listForRepository(brief.organisationId, brief.repositoryId)) ?? [];
  const mcpServers = registered.flatMap((server) =>
    server.transport === 'stdio' && server.package
      ? [{ name: server.name, package: server.package, args: server.args, readOnlyTools: server.readOnlyTools }]
      : [],
  );
  return mcpServers.length > 0 ? { mcpServers } : {};
}
