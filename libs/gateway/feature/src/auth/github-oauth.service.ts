import { randomUUID } from 'node:crypto';
import {
  BadGatewayException,
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { GithubProfile } from '@patchbay/persistence';
import { Octokit } from '@octokit/core';
import { OAuthApp } from '@octokit/oauth-app';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { SessionTokenService } from './session-token.service';

/**
 * GitHub's OAuth web flow through @octokit/oauth-app. GITHUB_API_URL selects the server, so the
 * same code serves github.com, GitHub Enterprise and the local OAuth server the tests run.
 */
@Injectable()
export class GithubOAuthService {
  private readonly app?: OAuthApp;
  private readonly GithubClient: typeof Octokit;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly sessions: SessionTokenService,
  ) {
    this.GithubClient = Octokit.defaults({ baseUrl: config.GITHUB_API_URL });
    if (config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET) {
      this.app = new OAuthApp({
        clientType: 'oauth-app',
        clientId: config.GITHUB_CLIENT_ID,
        clientSecret: config.GITHUB_CLIENT_SECRET,
        // OAuthApp does not forward baseUrl to its client; the OAuth endpoints derive from the client's.
        Octokit: this.GithubClient,
        defaultScopes: ['read:user'],
      });
    }
  }

  authorizationUrl(): string {
    const state = this.sessions.signState(randomUUID());
    return this.requireApp().getWebFlowAuthorizationUrl({ state, redirectUrl: this.redirectUrl() }).url;
  }

  async exchangeCode(code: string, state: string): Promise<GithubProfile> {
    const app = this.requireApp();
    if (!this.sessions.verifyState(state))
      throw new UnauthorizedException('The sign-in attempt expired or was tampered with; start again');
    let token: string;
    try {
      ({
        authentication: { token },
      } = await app.createToken({ code, redirectUrl: this.redirectUrl() }));
    } catch (error) {
      throw new BadRequestException(
        `GitHub refused the sign-in code: ${error instanceof Error ? error.message : 'unknown error'}`,
      );
    }
    try {
      const { data } = await new this.GithubClient({ auth: token }).request('GET /user');
      return {
        githubId: String(data.id),
        login: data.login,
        displayName: data.name ?? null,
        avatarUrl: data.avatar_url ?? null,
      };
    } catch {
      throw new BadGatewayException('GitHub did not return the signed-in user');
    }
  }

  private redirectUrl(): string {
    const base = this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`;
    return new URL('/api/v1/auth/github/callback', base).toString();
  }

  private requireApp(): OAuthApp {
    if (!this.app)
      throw new NotFoundException('GitHub sign-in is not configured (set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET)');
    return this.app;
  }
}
