import { App } from '@octokit/app';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker';
import { loadGithubAppConfig, type GithubAppConfig } from './github-app.config';
import { GithubInstallationApi } from './github-installation.api';
import { openGithubPrivateKey } from './github-private-key';
import type { KeyProvider } from '@patchbay/secrets';
import { githubRateLimitRemaining, githubRateLimitTotal, githubRequests } from './github-rate-limit.metrics';

export interface GithubClientOptions {
  /** Retries after a 5xx (1 s, 2 s, 4 s… as @octokit/plugin-retry spaces them). */
  retries?: number;
  /** Secondary-rate-limit waits honoured before giving up (each waits `Retry-After`). */
  rateLimitRetries?: number;
  circuit?: { failureThreshold: number; cooldownMs: number };
}

interface RequestErrorLike {
  status?: number;
}

/** A 5xx, a network failure or an exhausted rate limit counts against the circuit; a 4xx does not. */
function isOutage(error: unknown): boolean {
  const status = (error as RequestErrorLike).status;
  return status === undefined || status >= 500 || status === 429;
}

/**
 * The GitHub App as Patchbay uses it (@octokit/app): app JWTs and installation tokens — which
 * @octokit/auth-app caches until shortly before they expire — plus retry on 5xx, waiting out
 * primary and secondary rate limits as `Retry-After` says, and a circuit breaker around it all.
 */
export class GithubAppClient {
  private readonly app: App;
  private readonly circuit: CircuitBreaker;

  constructor(
    readonly config: GithubAppConfig,
    options: GithubClientOptions = {},
  ) {
    const rateLimitRetries = options.rateLimitRetries ?? 2;
    const ClientWithPlugins = Octokit.plugin(retry, throttling).defaults({
      baseUrl: config.apiUrl,
      userAgent: 'patchbay-github-app',
      retry: { retries: options.retries ?? 3 },
      throttle: {
        onRateLimit: (_retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
          githubRequests.inc({ outcome: 'rate_limited' });
          return retryCount < rateLimitRetries;
        },
        onSecondaryRateLimit: (_retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
          githubRequests.inc({ outcome: 'rate_limited' });
          return retryCount < rateLimitRetries;
        },
      },
    });
    this.app = new App({ appId: config.appId, privateKey: config.privateKey, Octokit: ClientWithPlugins });
    this.circuit = new CircuitBreaker(options.circuit ?? { failureThreshold: 5, cooldownMs: 30_000 });
  }

  get circuitState(): CircuitBreaker['state'] {
    return this.circuit.state;
  }

  /** The REST calls Patchbay makes as one installation, each through the circuit breaker. */
  async installation(installationId: number): Promise<GithubInstallationApi> {
    const octokit = await this.guard(() => this.app.getInstallationOctokit(installationId));
    octokit.hook.after('request', (response) => {
      const headers = response.headers as Record<string, string | undefined>;
      if (headers['x-ratelimit-remaining'] !== undefined)
        githubRateLimitRemaining.set(
          { installation: String(installationId) },
          Number(headers['x-ratelimit-remaining']),
        );
      if (headers['x-ratelimit-limit'] !== undefined)
        githubRateLimitTotal.set({ installation: String(installationId) }, Number(headers['x-ratelimit-limit']));
      githubRequests.inc({ outcome: 'ok' });
    });
    octokit.hook.error('request', (error) => {
      const status = (error as RequestErrorLike).status ?? 0;
      githubRequests.inc({ outcome: status >= 500 || status === 0 ? 'server_error' : 'client_error' });
      throw error;
    });
    return new GithubInstallationApi(octokit, (call) => this.guard(call));
  }

  /**
   * An installation access token for git over HTTPS. Cached by @octokit/auth-app; callers must
   * hand it to git per command (see gitAuthEnv) and never store or log it.
   */
  async installationToken(installationId: number): Promise<string> {
    const octokit = await this.guard(() => this.app.getInstallationOctokit(installationId));
    const auth = (await this.guard(() => octokit.auth({ type: 'installation' }))) as { token: string };
    return auth.token;
  }

  /** `<gitUrl>/<owner>/<name>.git`: the clone URL, without credentials in it. */
  cloneUrl(repository: string): string {
    return `${this.config.gitUrl}/${repository}.git`;
  }

  private guard<T>(call: () => Promise<T>): Promise<T> {
    return this.circuit.run(call, isOutage).catch((error: unknown) => {
      if (error instanceof CircuitOpenError) githubRequests.inc({ outcome: 'circuit_open' });
      throw error;
    });
  }
}

/**
 * The GitHub App client from the environment, or null when the app is not configured.
 * `keyProviders` opens a key given as GITHUB_APP_PRIVATE_KEY_SEALED.
 */
export async function githubAppClientFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  keyProviders?: () => readonly KeyProvider[],
): Promise<GithubAppClient | null> {
  const config = await loadGithubAppConfig(
    env,
    keyProviders ? (sealed) => openGithubPrivateKey(keyProviders(), sealed) : undefined,
  );
  return config ? new GithubAppClient(config) : null;
}
