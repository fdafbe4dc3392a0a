import { CreateCoreSchema1763726400000 } from './1763726400000-CreateCoreSchema';
import { ProtectAuditLog1763726400001 } from './1763726400001-ProtectAuditLog';
import { GithubApp1763726400002 } from './1763726400002-GithubApp';
import { RepositorySecretEnv1763726400003 } from './1763726400003-RepositorySecretEnv';
import { TenancyEdges1764979200000 } from './1764979200000-TenancyEdges';
import { FourEyesApproval1764979200001 } from './1764979200001-FourEyesApproval';
import { TargetTests1764979200002 } from './1764979200002-TargetTests';
import { LintCheck1764979200003 } from './1764979200003-LintCheck';
import { Budgets1765000000200 } from './1765000000200-Budgets';
import { TaskTraceparent1765000000300 } from './1765000000300-TaskTraceparent';
import { PlanReviewRecord1765000000500 } from './1765000000500-PlanReviewRecord';
import { AttemptDiffs1765000000900 } from './1765000000900-AttemptDiffs';
import { TaskEventNotify1765001000000 } from './1765001000000-TaskEventNotify';
import { TaskFeedback1765050000000 } from './1765050000000-TaskFeedback';
import { ClarifyingQuestions1765100000000 } from './1765100000000-ClarifyingQuestions';
import { TaskConstraintAdditions1765200000000 } from './1765200000000-TaskConstraintAdditions';
import { ChangeExplanations1765300000000 } from './1765300000000-ChangeExplanations';
import { McpToolCalledEvent1765400000000 } from './1765400000000-McpToolCalledEvent';
import { McpServers1765401000000 } from './1765401000000-McpServers';
import { PlanConformance1765600000000 } from './1765600000000-PlanConformance';
import { EgressReport1765700000000 } from './1765700000000-EgressReport';
import { TaskTimelineAndForks1766100000000 } from './1766100000000-TaskTimelineAndForks';
import { RequiredChecks1765500000000 } from './1765500000000-RequiredChecks';
import { BestOfNCandidates1765900000000 } from './1765900000000-BestOfNCandidates';
import { BacklogPlanner1766000000000 } from './1766000000000-BacklogPlanner';

/** In order of application. A new migration is generated from the entities and appended here. */
export const MIGRATIONS = [
  CreateCoreSchema1763726400000,
  ProtectAuditLog1763726400001,
  GithubApp1763726400002,
  RepositorySecretEnv1763726400003,
  TenancyEdges1764979200000,
  FourEyesApproval1764979200001,
  TargetTests1764979200002,
  LintCheck1764979200003,
  Budgets1765000000200,
  TaskTraceparent1765000000300,
  PlanReviewRecord1765000000500,
  AttemptDiffs1765000000900,
  TaskEventNotify1765001000000,
  TaskFeedback1765050000000,
  ClarifyingQuestions1765100000000,
  TaskConstraintAdditions1765200000000,
  ChangeExplanations1765300000000,
  McpToolCalledEvent1765400000000,
  McpServers1765401000000,
  PlanConformance1765600000000,
  EgressReport1765700000000,
  TaskTimelineAndForks1766100000000,
  RequiredChecks1765500000000,
  BestOfNCandidates1765900000000,
  BacklogPlanner1766000000000,
];
