import type { CodingMcpServer, McpServerLaunch, SealedMcpCredential } from '@patchbay/contracts';

export interface OpenedMcpServers {
  launches: McpServerLaunch[];
  /** Servers left out because their credential could not be opened, for the task's log. */
  refused: Array<{ server: string; reason: string }>;
}

/**
 * Turns servers as the bus carries them into what the sandbox service is asked to start: a remote
 * server's sealed credential is opened here, in the agent that connects, and nowhere earlier. The
 * opener comes from the caller so this library stays free of key providers.
 */
export async function openMcpServers(
  servers: readonly CodingMcpServer[],
  openCredential: (sealed: SealedMcpCredential) => Promise<string>,
): Promise<OpenedMcpServers> {
  const launches: McpServerLaunch[] = [];
  const refused: OpenedMcpServers['refused'] = [];
  for (const server of servers) {
    if (!('url' in server)) {
      launches.push(server);
      continue;
    }
    const { sealedCredential, ...remote } = server;
    if (!sealedCredential) {
      launches.push(remote);
      continue;
    }
    try {
      launches.push({ ...remote, credential: await openCredential(sealedCredential) });
    } catch {
      // Why decryption failed helps no one reading the task's log and may say more than it should.
      refused.push({ server: server.name, reason: 'its credential could not be opened' });
    }
  }
  return { launches, refused };
}
