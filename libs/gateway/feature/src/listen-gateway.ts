import type { INestApplication } from '@nestjs/common';
import type { GatewayConfig } from './gateway-config';

/**
 * Where the gateway listens. With dev login on, anyone who reaches the port can sign in as any
 * user, so the default is loopback only; HOST opts in to more (and the dev-login route still
 * refuses non-loopback clients). With GitHub sign-in, every interface, as a server usually does.
 */
export function gatewayListenHost(config: Pick<GatewayConfig, 'HOST' | 'AUTH_MODE'>): string {
  return config.HOST ?? (config.AUTH_MODE === 'dev' ? '127.0.0.1' : '0.0.0.0');
}

export async function listenGateway(app: INestApplication, config: GatewayConfig): Promise<string> {
  const host = gatewayListenHost(config);
  await app.listen(config.PORT, host);
  return host;
}
