import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSourceOptions } from './data-source-options';
import {
  ApprovalRepository,
  AuditRepository,
  CredentialRepository,
  OrganisationRepository,
  PipelineRepository,
  PullRequestRepository,
  QuotaRepository,
  RepositoryRepository,
  TaskEventRepository,
  TaskRepository,
  TaskTransitionRepository,
  UsageRepository,
  UserRepository,
  GithubRepository,
  BudgetRepository,
  TaskFeedbackRepository,
  OrganisationReportRepository,
  TaskConstraintRepository,
  McpServerRepository,
  PlanConformanceRepository,
  TaskTimelineRepository,
  TaskCheckpointRepository,
  RequiredCheckRepository,
  TaskCandidateRepository,
  BacklogRepository,
} from './repositories';

const REPOSITORIES = [
  TaskCandidateRepository,
  PipelineRepository,
  PullRequestRepository,
  ApprovalRepository,
  AuditRepository,
  CredentialRepository,
  OrganisationRepository,
  QuotaRepository,
  RepositoryRepository,
  TaskEventRepository,
  TaskRepository,
  TaskTransitionRepository,
  UsageRepository,
  UserRepository,
  GithubRepository,
  BudgetRepository,
  TaskFeedbackRepository,
  OrganisationReportRepository,
  TaskConstraintRepository,
  McpServerRepository,
  PlanConformanceRepository,
  TaskTimelineRepository,
  TaskCheckpointRepository,
  RequiredCheckRepository,
  BacklogRepository,
];

export interface PersistenceModuleOptions {
  /** Resolves the connection string; may start an embedded server first (all-in-one mode). */
  databaseUrl: () => string | Promise<string>;
  applicationName: string;
}

@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...createDataSourceOptions(await options.databaseUrl(), options.applicationName),
            // Fail fast at boot instead of retrying for minutes against a wrong URL.
            retryAttempts: 2,
            retryDelay: 1_000,
          }),
        }),
      ],
      providers: REPOSITORIES,
      exports: REPOSITORIES,
    };
  }
}
