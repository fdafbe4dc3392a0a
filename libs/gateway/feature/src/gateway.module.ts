import { BacklogModule } from './backlog/backlog.module';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { BusModule, type MessageBus } from '@patchbay/bus';
import { PersistenceModule } from '@patchbay/persistence';
import type { GithubAppClient } from '@patchbay/github';
import type { KeyProvider } from '@patchbay/secrets';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BudgetsModule } from './budgets/budgets.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { CredentialsModule } from './credentials/credentials.module';
import { DemoModule } from './demo/demo.module';
import { EventsModule } from './events/events.module';
import { FeedbackModule } from './feedback/feedback.module';
import { GatewayOptionsModule } from './gateway-options.module';
import type { GatewayConfig } from './gateway-config';
import { GithubModule } from './github/github.module';
import { HealthModule } from './health/health.module';
import type { ReadinessCheck } from './health/readiness-check';
import { McpServersModule } from './mcp-servers/mcp-servers.module';
import { MembersModule } from './members/members.module';
import { PullRequestsModule } from './pull-requests/pull-requests.module';
import { QuotasModule } from './quotas/quotas.module';
import { RepositoriesModule } from './repositories/repositories.module';
import { ReviewsModule } from './reviews/reviews.module';
import { TasksModule } from './tasks/tasks.module';
import { UsageModule } from './usage/usage.module';
import { TimelineModule } from './timeline/timeline.module';

export interface GatewayModuleOptions {
  config: GatewayConfig;
  /** Resolves the database URL; in all-in-one mode this starts the embedded server first. */
  databaseUrl: () => string | Promise<string>;
  bus: MessageBus;
  /** The current key provider first, retired ones after it. */
  keyProviders: readonly KeyProvider[];
  /** Prepare the offline demo (all-in-one mode without a model). */
  demo?: boolean;
  /** The GitHub App (webhooks, permission checks, mirrors); absent or null turns GitHub off. */
  github?: GithubAppClient | null;
  /** Further /readyz checks (all-in-one: the sandbox engine). */
  readiness?: readonly ReadinessCheck[];
}

/**
 * The gateway's features, one module per folder. Each module declares its own controllers and
 * providers and exports what other folders use (tasks → TasksService, audit → AuditService, …);
 * the persistence and bus modules and the host's options are global.
 */
export const GATEWAY_FEATURE_MODULES: readonly Type[] = [
  AuthModule,
  AuditModule,
  QuotasModule,
  BudgetsModule,
  EventsModule,
  TasksModule,
  RepositoriesModule,
  CredentialsModule,
  McpServersModule,
  MembersModule,
  PullRequestsModule,
  ReviewsModule,
  FeedbackModule,
  UsageModule,
  HealthModule,
  GithubModule,
  DemoModule,
  TimelineModule,
  BacklogModule,
];

/** The gateway: its feature modules on top of the database, the bus and the host's options. */
@Module({})
export class GatewayModule {
  static forRoot(options: GatewayModuleOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PersistenceModule.forRoot({ databaseUrl: options.databaseUrl, applicationName: 'patchbay-gateway' }),
        BusModule.forRoot(options.bus),
        GatewayOptionsModule.forRoot(options),
        ...GATEWAY_FEATURE_MODULES,
      ],
      // Every error leaves the API as `{ statusCode, error, message }`, whichever module threw it.
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
