import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';

export interface SessionClaims {
  sub: string;
  login: string;
  org: string;
}

const ISSUER = 'patchbay';

/** Signs and checks the JWT sessions the dashboard and API clients present as Bearer tokens. */
@Injectable()
export class SessionTokenService {
  private readonly logger = new Logger(SessionTokenService.name);
  private readonly secret: string;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    if (config.JWT_SECRET) {
      this.secret = config.JWT_SECRET;
    } else {
      // Only reachable outside production (the config schema requires a secret there).
      this.secret = randomBytes(48).toString('base64url');
      this.logger.warn('JWT_SECRET is not set: using a random secret, so sessions end when the gateway restarts');
    }
  }

  sign(claims: SessionClaims): { token: string; expiresAt: Date } {
    const ttlSeconds = this.config.SESSION_TTL_HOURS * 3600;
    const token = jwt.sign(claims, this.secret, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: ISSUER });
    return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  verify(token: string): SessionClaims | null {
    try {
      const decoded = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: ISSUER });
      if (typeof decoded === 'string') return null;
      const { sub, login, org } = decoded as Partial<SessionClaims>;
      return typeof sub === 'string' && typeof login === 'string' && typeof org === 'string'
        ? { sub, login, org }
        : null;
    } catch {
      return null;
    }
  }

  /** Short-lived signed state for the OAuth round trip, so no server-side store is needed. */
  signState(nonce: string): string {
    return jwt.sign({ nonce }, this.secret, { algorithm: 'HS256', expiresIn: 600, issuer: `${ISSUER}-oauth` });
  }

  verifyState(state: string): boolean {
    try {
      jwt.verify(state, this.secret, { algorithms: ['HS256'], issuer: `${ISSUER}-oauth` });
      return true;
    } catch {
      return false;
    }
  }
}
