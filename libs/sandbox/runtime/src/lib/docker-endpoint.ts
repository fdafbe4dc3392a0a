/**
 * Where the Docker engine is: DOCKER_SOCKET (a socket path, this service's own variable), else a
 * unix:// DOCKER_HOST (what the docker CLI honours, so one export points both at the same
 * engine), else the default socket. Only unix sockets: the direct exec and the socket-based
 * engine client need the engine on this host.
 */
export interface DockerEndpoint {
  socketPath: string;
  source: 'DOCKER_SOCKET' | 'DOCKER_HOST' | 'default';
}

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

export class DockerEndpointError extends Error {}

export function dockerEndpointFromEnv(env: NodeJS.ProcessEnv): DockerEndpoint {
  const socket = env['DOCKER_SOCKET']?.trim();
  if (socket) return { socketPath: socket, source: 'DOCKER_SOCKET' };
  const host = env['DOCKER_HOST']?.trim();
  if (host) {
    if (!host.startsWith('unix://'))
      throw new DockerEndpointError(
        `DOCKER_HOST must be a unix:// socket on this host (got "${host}"); set DOCKER_SOCKET to a socket path instead`,
      );
    return { socketPath: host.slice('unix://'.length), source: 'DOCKER_HOST' };
  }
  return { socketPath: DEFAULT_DOCKER_SOCKET, source: 'default' };
}
