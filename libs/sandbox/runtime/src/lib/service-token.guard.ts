import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { SandboxConfig } from './sandbox-config';
import { PUBLIC_ROUTE } from './public-route.decorator';
import { SANDBOX_CONFIG } from './sandbox.tokens';

/** Every route needs `Authorization: Bearer <SANDBOX_TOKEN>` unless it is marked public. */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    @Inject(SANDBOX_CONFIG) config: SandboxConfig,
    private readonly reflector: Reflector,
  ) {
    this.expected = Buffer.from(config.token, 'utf8');
  }

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    if (!header) throw new UnauthorizedException('missing Authorization header: a bearer service token is required');
    const match = /^Bearer (.+)$/.exec(header);
    if (!match) throw new UnauthorizedException('Authorization header must be "Bearer <token>"');
    const presented = Buffer.from(match[1], 'utf8');
    if (presented.length !== this.expected.length || !timingSafeEqual(presented, this.expected)) {
      throw new UnauthorizedException('invalid service token');
    }
    return true;
  }
}
