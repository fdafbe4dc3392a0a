import { isOnAllowList, type CodingMcpServer, type RunCodingStepCommand } from '@patchbay/contracts';
import { openMcpCredential, toMcpCredentialWire } from '@patchbay/secrets';
import { openMcpServers, startMcpTools, type WorkspaceTool } from '@patchbay/workspace-tools';
import type { PipelineDependencies } from '../../pipeline-dependencies';
import type { TaskBrief } from './task-graph.state';

/**
 * The MCP servers the task uses (ADR 0029), read at each round so a server removed meanwhile is
 * not used again: stdio servers the sandbox service starts in the task's sandbox, and remote
 * servers it connects to. A remote server is used only while its origin is on the organisation's
 * allow-list (it may have shrunk since registration). Its credential stays sealed here: the
 * coding request crosses the bus, whose messages the broker persists, so only the agent that
 * connects opens it (`openMcpServers`). `refused` names the servers left out and why.
 */
export async function mcpServersOfTask(
  deps: Pick<PipelineDependencies, 'mcpServers'>,
  brief: Pick<TaskBrief, 'organisationId' | 'repositoryId'>,
): Promise<{ mcpServers: CodingMcpServer[]; refused: Array<{ server: string; reason: string }> }> {
  const registered = (await deps.mcpServers?.listForRepository(brief.organisationId, brief.repositoryId)) ?? [];
  const mcpServers: CodingMcpServer[] = [];
  const refused: Array<{ server: string; reason: string }> = [];
  const remote = registered.filter((server) => server.transport !== 'stdio');
  const allowList = remote.length > 0 ? ((await deps.mcpServers?.allowList(brief.organisationId)) ?? []) : [];
  for (const server of registered) {
    const readOnlyTools = server.readOnlyTools;
    if (server.transport === 'stdio') {
      if (server.package)
        mcpServers.push({ name: server.name, package: server.package, args: server.args, readOnlyTools });
      continue;
    }
    if (!server.url || !isOnAllowList(server.url, allowList)) {
      refused.push({
        server: server.name,
        reason: `its origin ${server.url ? new URL(server.url).origin : '(none)'} is not on the organisation's allow-list for remote MCP servers`,
      });
      continue;
    }
    const { keyProvider, keyId, encryptedDataKey, iv, authTag, ciphertext } = server;
    const sealedCredential =
      ciphertext && keyProvider && keyId && encryptedDataKey && iv && authTag
        ? toMcpCredentialWire(
            { keyProvider, keyId, encryptedDataKey, iv, authTag, ciphertext },
            server.organisationId,
            server.id,
          )
        : undefined;
    if (ciphertext && !sealedCredential) {
      refused.push({ server: server.name, reason: 'its credential could not be opened' });
      continue;
    }
    mcpServers.push({
      name: server.name,
      url: server.url,
      ...(sealedCredential ? { sealedCredential } : {}),
      readOnlyTools,
    });
  }
  return { mcpServers, refused };
}

/** The coder's servers as RunCodingStepCommand carries them; the ones refused are named on the task's log. */
export async function codingMcpServersOf(
  deps: Pick<PipelineDependencies, 'mcpServers' | 'events'>,
  brief: Pick<TaskBrief, 'taskId' | 'organisationId' | 'repositoryId'>,
): Promise<Pick<RunCodingStepCommand, 'mcpServers'>> {
  const { mcpServers, refused } = await mcpServersOfTask(deps, brief);
  await announceRefused(deps, brief.taskId, refused, 'coder');
  return mcpServers.length > 0 ? { mcpServers } : {};
}

/** Whether the task has stdio servers, which are installed with npm through the sandbox's registries egress. */
export async function hasStdioMcpServers(
  deps: Pick<PipelineDependencies, 'mcpServers'>,
  brief: Pick<TaskBrief, 'organisationId' | 'repositoryId'>,
): Promise<boolean> {
  const registered = (await deps.mcpServers?.listForRepository(brief.organisationId, brief.repositoryId)) ?? [];
  return registered.some((server) => server.transport === 'stdio');
}

async function announceRefused(
  deps: Pick<PipelineDependencies, 'events'>,
  taskId: string,
  refused: ReadonlyArray<{ server: string; reason: string }>,
  role: 'coder' | 'planner',
): Promise<void> {
  for (const { server, reason } of refused)
    await deps.events.raise(taskId, 'agent_thought', { message: `MCP server ${server} is not used: ${reason}`, role });
}

/**
 * The planner's MCP tools: only those the organisation declared read-only or the server annotates
 * `readOnlyHint`, run in the task's sandbox like the coder's; every call is a `mcp_tool_called` event.
 * A server that cannot start is named in the log and the plan goes on without it.
 */
export async function plannerMcpTools(
  deps: Pick<PipelineDependencies, 'mcpServers' | 'mcpKeyProviders' | 'sandbox' | 'events'>,
  brief: Pick<TaskBrief, 'taskId' | 'organisationId' | 'repositoryId'>,
  sandboxId: string,
  signal?: AbortSignal,
): Promise<WorkspaceTool[]> {
  const registered = await mcpServersOfTask(deps, brief);
  // The planner runs here, beside the sandbox client: its credentials are opened in this process.
  const providers = deps.mcpKeyProviders ?? [];
  const opened = await openMcpServers(registered.mcpServers, (sealed) =>
    providers.length > 0 ? openMcpCredential(providers, sealed) : Promise.reject(new Error('no key provider')),
  );
  await announceRefused(deps, brief.taskId, [...registered.refused, ...opened.refused], 'planner');
  if (opened.launches.length === 0) return [];
  const offered = await startMcpTools(deps.sandbox, sandboxId, opened.launches, {
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
