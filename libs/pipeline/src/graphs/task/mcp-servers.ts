import type { RunCodingStepCommand } from '@patchbay/contracts';
import { startMcpTools, type WorkspaceTool } from '@patchbay/workspace-tools';
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

/**
 * The planner's MCP tools: only those the organisation declared read-only or the server annotates
 * `readOnlyHint`, run in the task's sandbox like the coder's; every call is a `mcp_tool_called` event.
 * A server that cannot start is named in the log and the plan goes on without it.
 */
export async function plannerMcpTools(
  deps: Pick<PipelineDependencies, 'mcpServers' | 'sandbox' | 'events'>,
  brief: Pick<TaskBrief, 'taskId' | 'organisationId' | 'repositoryId'>,
  sandboxId: string,
  signal?: AbortSignal,
): Promise<WorkspaceTool[]> {
  const { mcpServers } = await stdioMcpServersOf(deps, brief);
  if (!mcpServers) return [];
  const offered = await startMcpTools(deps.sandbox, sandboxId, mcpServers, {
    readOnlyOnly: true,
    onCall: (call) => deps.events.raise(brief.taskId, 'mcp_tool_called', { ...call, role: 'planner' }),
    signal,
  });
  for (const { server, reason } of offered.unavailable)
    await deps.events.raise(brief.taskId, 'agent_thought', {
      message: `MCP server ${server} is not available to the planner: ${reason}`,
      role: 'planner',
    });
  return offered.tools;
}
