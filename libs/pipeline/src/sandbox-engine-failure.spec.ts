import { createServer } from 'node:net';
import { SANDBOX_ENGINE_UNAVAILABLE } from '@patchbay/contracts';
import { SandboxApiError, SandboxClient } from '@patchbay/sandbox-client';
import { AgentRequestFailed } from './agent-rpc.client';
import { sandboxEngineFailure } from './sandbox-engine-failure';

/** A loopback port that was free a moment ago: nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sandboxEngineFailure', () => {
  it('turns the engine-unavailable answer into a user-correctable failure naming the reason and the doctor', () => {
    const failure = sandboxEngineFailure(
      new SandboxApiError(
        503,
        SANDBOX_ENGINE_UNAVAILABLE,
        'the Docker engine has no runsc-net runtime registered (gVisor is not set up)',
      ),
    );
    expect(failure).toBeInstanceOf(AgentRequestFailed);
    expect(failure?.error).toEqual({
      category: 'user_correctable',
      recoverable: true,
      message:
        'the sandbox engine is not available: the Docker engine has no runsc-net runtime registered (gVisor is not set up) — run npm run doctor',
    });
  });

  it('a sandbox service that does not answer at all is reported the same way, not as "fetch failed"', async () => {
    // Patience 0: the message once the client stops waiting for a restart (60 s by default) is what is checked here.
    const client = new SandboxClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      token: 'x'.repeat(20),
      restartPatienceMs: 0,
    });
    const error = await client
      .create({ taskId: '00000000-0000-4000-8000-000000000000', image: 'node', network: 'none' })
      .catch((caught: unknown) => caught);
    expect(sandboxEngineFailure(error)?.error.message).toBe(
      'the sandbox engine is not available: the sandbox service does not answer (ECONNREFUSED); it did not start, or SANDBOX_URL is wrong — run npm run doctor',
    );
  });

  it('leaves other failures alone: a plain 503, a 400, any other error', () => {
    expect(sandboxEngineFailure(new SandboxApiError(503, 'Service Unavailable', 'pool exhausted'))).toBeNull();
    expect(sandboxEngineFailure(new SandboxApiError(400, 'Bad Request', 'bad image'))).toBeNull();
    expect(sandboxEngineFailure(new Error('boom'))).toBeNull();
  });
});
