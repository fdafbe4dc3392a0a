import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { BusModule, type MessageBus } from '@patchbay/bus';
import { PersistenceModule } from '@patchbay/persistence';
import type { GithubAppClient } from '@patchbay/github';
import type { KeyProvider } from '@patchbay/secrets';
import { AuditConsumerController } from './audit/audit-consumer.controller';
import { AuditController } from './audit/audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditService } from './audit/audit.service';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { BudgetService } from './budgets/budget.service';
import { BudgetsController } from './budgets/budgets.controller';
import { TaskBudgetController } from './budgets/task-budget.controller';
import { GithubOAuthService } from './auth/github-oauth.service';
import { SessionTokenService } from './auth/session-token.service';
import { HttpErrorFilter } from './common/http-error.filter';
import { CredentialsController } from './credentials/credentials.controller';
import { CredentialsService, KEY_PROVIDERS } from './credentials/credentials.service';
import { DemoSeederService, DEMO_ENABLED } from './demo/demo-seeder.service';
import { EventsGateway } from './events/events.gateway';
import { TaskEventConsumerController } from './events/task-event-consumer.controller';
import { TaskEventsService } from './events/task-events.service';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway-config';
import { GITHUB_APP } from './github/github-app.token';
import { GithubMirrorService } from './github/github-mirror.service';
import { GithubTaskNotifier } from './github/github-task-notifier.service';
import { GithubTriggerService } from './github/github-trigger.service';
import { GithubWebhookConsumerController } from './github/github-webhook-consumer.controller';
import { GithubWebhookController } from './github/github-webhook.controller';
import { GithubWebhookService } from './github/github-webhook.service';
import { HealthController } from './health/health.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './health/readiness-check';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { PullRequestsController } from './pull-requests/pull-requests.controller';
import { AwaitingReviewController } from './reviews/awaiting-review.controller';
import { AwaitingReviewService } from './reviews/awaiting-review.service';
import { PullRequestsService } from './pull-requests/pull-requests.service';
import { QuotasController } from './quotas/quotas.controller';
import { QuotaService } from './quotas/quota.service';
import { LocalForgeImportService } from './repositories/local-forge-import.service';
import { RepositoriesController } from './repositories/repositories.controller';
import { RepositoriesService } from './repositories/repositories.service';
import { ApprovalsService } from './tasks/approvals.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { UsageConsumerController } from './usage/usage-consumer.controller';

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

export const GATEWAY_HTTP_CONTROLLERS = [
  AuthController, TasksController, RepositoriesController, MembersController, QuotasController,
  CredentialsController, AuditController, HealthController, PullRequestsController, GithubWebhookController,
  BudgetsController, TaskBudgetController,
  AwaitingReviewController,
];

@Module({})
export class GatewayModule {
  static forRoot(options: GatewayModuleOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PersistenceModule.forRoot({ databaseUrl: options.databaseUrl, applicationName: 'patchbay-gateway' }),
        BusModule.forRoot(options.bus),
      ],
      controllers: [...GATEWAY_HTTP_CONTROLLERS, TaskEventConsumerController, UsageConsumerController, AuditConsumerController, GithubWebhookConsumerController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: options.config },
        { provide: KEY_PROVIDERS, useValue: options.keyProviders },
        { provide: DEMO_ENABLED, useValue: options.demo ?? false },
        { provide: GITHUB_APP, useValue: options.github ?? null },
        { provide: READINESS_CHECKS, useValue: options.readiness ?? [] },
        DemoSeederService,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        SessionTokenService, AuthService, GithubOAuthService, AuditService, MembersService, QuotaService, BudgetService,
        RepositoriesService, LocalForgeImportService, TasksService, ApprovalsService, CredentialsService, PullRequestsService,
        TaskEventsService, EventsGateway,
        AwaitingReviewService,
        GithubMirrorService, GithubTriggerService, GithubWebhookService, GithubTaskNotifier,
      ],
    };
  }
}
