/**
 * A small real MCP stdio server from npm (the protocol's reference server), pinned. It installs and
 * runs on the node image's Node 18 although its package asks for 20 (npm only warns). Its `echo`
 * tool is marked read-only; `trigger-long-running-operation` takes as long as it is told to.
 */
export const REFERENCE_MCP_SERVER: { package: string; args: string[] } = {
  package: '@modelcontextprotocol/server-everything@2026.8.31',
  args: ['stdio'],
};
