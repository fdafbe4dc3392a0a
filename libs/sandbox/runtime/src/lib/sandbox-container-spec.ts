import type { SandboxLimits, SandboxNetworkMode } from '@patchbay/contracts';
import type { SandboxConfig } from './sandbox-config';
import { SANDBOX_LABELS } from './sandbox-labels';

export function imageRef(config: SandboxConfig, image: string): string {
  return `${config.imagePrefix}${image}:latest`;
}

export function sandboxLabels(
  config: SandboxConfig,
  values: {
    id: string;
    taskId: string;
    image: string;
    network: SandboxNetworkMode;
    createdAt: Date;
    expiresAt: Date;
    pooled: boolean;
    /** What a restarted service needs to adopt the container; absent on warm-pool containers. */
    limits?: SandboxLimits;
    egressAllowHosts?: string[];
  },
): Record<string, string> {
  return {
    [SANDBOX_LABELS.managed]: '1',
    [SANDBOX_LABELS.id]: values.id,
    [SANDBOX_LABELS.taskId]: values.taskId,
    [SANDBOX_LABELS.owner]: config.instanceId,
    [SANDBOX_LABELS.image]: values.image,
    [SANDBOX_LABELS.network]: values.network,
    [SANDBOX_LABELS.createdAt]: values.createdAt.toISOString(),
    [SANDBOX_LABELS.expiresAt]: values.expiresAt.toISOString(),
    [SANDBOX_LABELS.pooled]: values.pooled ? 'true' : 'false',
    ...(values.limits ? { [SANDBOX_LABELS.limits]: JSON.stringify(values.limits) } : {}),
    ...(values.egressAllowHosts ? { [SANDBOX_LABELS.egressAllowHosts]: JSON.stringify(values.egressAllowHosts) } : {}),
  };
}

/** Environment every sandbox process starts with; proxy variables only in registries mode. */
export function sandboxEnv(proxyUrl: string | null, extra: Record<string, string> = {}): string[] {
  const env: Record<string, string> = {
    HOME: '/home/agent',
    CI: 'true',
    npm_config_update_notifier: 'false',
    ...extra,
  };
  if (!proxyUrl) {
    // Without a network npm's default retries only add a minute of back-off before the same failure.
    env.npm_config_fetch_retries = '0';
  }
  if (proxyUrl) {
    for (const name of [
      'HTTP_PROXY',
      'HTTPS_PROXY',
      'http_proxy',
      'https_proxy',
      'npm_config_proxy',
      'npm_config_https_proxy',
    ]) {
      env[name] = proxyUrl;
    }
    env.NO_PROXY = '';
    env.no_proxy = '';
  }
  return Object.entries(env).map(([key, value]) => `${key}=${value}`);
}

export function sameLimits(a: SandboxLimits, b: SandboxLimits): boolean {
  return a.cpus === b.cpus && a.memoryMb === b.memoryMb && a.pids === b.pids;
}
