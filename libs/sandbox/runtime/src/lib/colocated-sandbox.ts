import type { SandboxConfig } from './sandbox-config';
import { loadSandboxConfig } from './sandbox-config';
import { createSandboxApplication } from './sandbox-app.factory';

export interface ColocatedSandbox {
  url: string;
  close(): Promise<void>;
}

/**
 * The sandbox service inside another process (all-in-one mode): a small warm pool, the local
 * forge as the only place repositories are cloned from, and ephemeral ports unless configured,
 * so two local instances never collide. Anything set in `env` wins.
 */
export async function startColocatedSandbox(options: {
  token: string;
  repoRoot: string;
  instanceId: string;
  env: NodeJS.ProcessEnv;
}): Promise<ColocatedSandbox> {
  const config: SandboxConfig = loadSandboxConfig({
    SANDBOX_POOL_SIZE: '1',
    SANDBOX_POOL_IMAGES: 'node',
    SANDBOX_INSTANCE_ID: options.instanceId,
    SANDBOX_REPO_ROOTS: options.repoRoot,
    SANDBOX_EGRESS_PROXY_PORT: '0',
    ...options.env,
    SANDBOX_TOKEN: options.token,
  });
  const app = await createSandboxApplication(config, { logger: false });
  await app.listen(options.env['SANDBOX_PORT'] ? config.port : 0, '127.0.0.1');
  return { url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), close: () => app.close() };
}
