import { dockerEndpointFromEnv, DockerEndpointError } from './docker-endpoint';
import { loadSandboxConfig, SandboxConfigError } from './sandbox-config';

describe('dockerEndpointFromEnv', () => {
  it('DOCKER_SOCKET wins, then a unix:// DOCKER_HOST, then the default socket', () => {
    expect(dockerEndpointFromEnv({ DOCKER_SOCKET: '/run/a.sock', DOCKER_HOST: 'unix:///run/b.sock' })).toEqual({
      socketPath: '/run/a.sock',
      source: 'DOCKER_SOCKET',
    });
    expect(dockerEndpointFromEnv({ DOCKER_HOST: 'unix:///run/b.sock' })).toEqual({
      socketPath: '/run/b.sock',
      source: 'DOCKER_HOST',
    });
    expect(dockerEndpointFromEnv({ DOCKER_SOCKET: ' ', DOCKER_HOST: '' })).toEqual({
      socketPath: '/var/run/docker.sock',
      source: 'default',
    });
  });

  it('refuses a DOCKER_HOST that is not a local socket, and the sandbox configuration says so', () => {
    expect(() => dockerEndpointFromEnv({ DOCKER_HOST: 'tcp://10.0.0.2:2375' })).toThrow(DockerEndpointError);
    expect(() => loadSandboxConfig({ SANDBOX_TOKEN: 'x'.repeat(20), DOCKER_HOST: 'tcp://10.0.0.2:2375' })).toThrow(
      SandboxConfigError,
    );
    expect(
      loadSandboxConfig({ SANDBOX_TOKEN: 'x'.repeat(20), DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })
        .dockerSocket,
    ).toBe('/run/user/1000/docker.sock');
  });
});
