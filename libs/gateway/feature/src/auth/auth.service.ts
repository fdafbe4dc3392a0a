import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { SessionView } from '@patchbay/contracts';
import { OrganisationRepository, UserRepository, type UserEntity } from '@patchbay/persistence';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { GithubOAuthService } from './github-oauth.service';
import { SessionTokenService } from './session-token.service';

/** Turns an established identity into an organisation membership and a session. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly sessions: SessionTokenService,
    private readonly githubOAuth: GithubOAuthService,
  ) {}

  async devLogin(login: string, organisation?: string): Promise<SessionView> {
    if (this.config.AUTH_MODE !== 'dev') {
      throw new ForbiddenException('Dev login is disabled: this gateway runs with AUTH_MODE=github');
    }
    return this.startSession(await this.users.upsertByLogin(login), organisation);
  }

  /** The end of GitHub sign-in: the code GitHub redirected back with becomes the user's session. */
  async githubLogin(code: string, state: string): Promise<SessionView> {
    const profile = await this.githubOAuth.exchangeCode(code, state);
    return this.startSession(await this.users.upsertGithubUser(profile));
  }

  /** The first user of an organisation becomes its admin; later ones join as developers. */
  private async startSession(user: UserEntity, organisationSlug?: string): Promise<SessionView> {
    const slug = organisationSlug ?? (await this.defaultOrganisationSlug(user));
    const { organisation, membership } = await this.organisations.joinOrganisation(slug, user);
    const { token, expiresAt } = this.sessions.sign({ sub: user.id, login: user.login, org: organisation.id });
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      user: { id: user.id, login: user.login, organisationId: organisation.id, role: membership.role },
    };
  }

  private async defaultOrganisationSlug(user: UserEntity): Promise<string> {
    const [first] = await this.organisations.findMembershipsOfUser(user.id);
    if (!first) return this.config.DEFAULT_ORGANISATION;
    const organisation = await this.organisations.findById(first.organisationId);
    return organisation?.slug ?? this.config.DEFAULT_ORGANISATION;
  }
}
