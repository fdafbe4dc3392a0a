import { type DynamicModule, Global, Module } from '@nestjs/common';
import { KEY_PROVIDERS } from './credentials/credentials.service';
import { DEMO_ENABLED } from './demo/demo-seeder.service';
import { GATEWAY_CONFIG } from './gateway-config';
import { GITHUB_APP } from './github/github-app.token';
import { READINESS_CHECKS } from './health/readiness-check';
import type { GatewayModuleOptions } from './gateway.module';

/**
 * What the host hands the gateway (configuration, key providers, the GitHub App, extra readiness
 * checks), under the tokens the folder modules inject. Global, like configuration: every folder
 * module reads some of it, and none of them owns it.
 */
@Global()
@Module({})
export class GatewayOptionsModule {
  static forRoot(options: GatewayModuleOptions): DynamicModule {
    const providers = [
      { provide: GATEWAY_CONFIG, useValue: options.config },
      { provide: KEY_PROVIDERS, useValue: options.keyProviders },
      { provide: DEMO_ENABLED, useValue: options.demo ?? false },
      { provide: GITHUB_APP, useValue: options.github ?? null },
      { provide: READINESS_CHECKS, useValue: options.readiness ?? [] },
    ];
    return { module: GatewayOptionsModule, providers, exports: providers.map((provider) => provider.provide) };
  }
}
