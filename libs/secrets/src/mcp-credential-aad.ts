/**
 * Binds a remote MCP server's sealed credential to its organisation and server row, as model keys
 * are bound to theirs: the gateway seals with it, the pipeline opens with it for a task.
 */
export function mcpCredentialAad(organisationId: string, serverId: string): string {
  return JSON.stringify(['patchbay/mcp-credential/v1', organisationId, serverId]);
}
