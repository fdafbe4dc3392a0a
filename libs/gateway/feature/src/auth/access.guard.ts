import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { OrganisationRepository } from '@patchbay/persistence';
import { roleAtLeast } from '@patchbay/contracts';
import { ACCESS_METADATA, type AccessRule } from '../common/access.decorator';
import type { AuthenticatedRequest } from '../common/session-user';
import { SessionTokenService } from './session-token.service';

/**
 * The one global guard. Fails closed: a route without an @Access rule is refused, so forgetting
 * the decorator can never expose a route. The role is read from the database on each request,
 * so a demotion takes effect immediately rather than when the session expires.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionTokenService,
    private readonly organisations: OrganisationRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenException('This route has no access rule and is closed');
    if (rule === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new UnauthorizedException('Sign in first: send "Authorization: Bearer <session token>"');
    const claims = this.sessions.verify(token);
    if (!claims) throw new UnauthorizedException('Your session is invalid or has expired; sign in again');

    const membership = await this.organisations.findMembership(claims.org, claims.sub);
    if (!membership) throw new ForbiddenException('You are no longer a member of this organisation');
    request.user = { userId: claims.sub, login: claims.login, organisationId: claims.org, role: membership.role };
    if (!roleAtLeast(membership.role, rule)) {
      throw new ForbiddenException(`This action needs the ${rule} role; you are ${membership.role}`);
    }
    return true;
  }
}
