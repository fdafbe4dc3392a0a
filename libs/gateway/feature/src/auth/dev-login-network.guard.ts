import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { isLoopbackAddress } from '../common/loopback-address';

/** Headers a reverse proxy adds; their presence means the TCP peer is not the real client. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * Dev login signs anyone in under any name, so it answers only the machine itself: the TCP peer
 * must be a loopback address and the request must not have come through a proxy (a proxy on the
 * same host would otherwise make every remote client look local). Forwarding headers are never
 * trusted to say where a client is — they only ever make the check stricter.
 * DEV_LOGIN_ALLOW_REMOTE lifts the rule for a trial behind a port published on loopback only
 * (docker-compose), where the peer is the container network's gateway.
 */
@Injectable()
export class DevLoginNetworkGuard implements CanActivate {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.config.DEV_LOGIN_ALLOW_REMOTE) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const proxied = FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined);
    if (proxied || !isLoopbackAddress(request.socket.remoteAddress)) {
      throw new ForbiddenException(
        'Dev login only answers requests from this machine; sign in with GitHub (AUTH_MODE=github) to reach Patchbay from elsewhere',
      );
    }
    return true;
  }
}
