import { ApprovalEntity } from './approval.entity';
import { ArtifactEntity } from './artifact.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { BudgetEntity } from './budget.entity';
import { GithubDeliveryEntity } from './github-delivery.entity';
import { GithubInstallationEntity } from './github-installation.entity';
import { MembershipEntity } from './membership.entity';
import { McpRemoteAllowListEntity } from './mcp-remote-allow-list.entity';
import { McpServerEntity } from './mcp-server.entity';
import { ModelCredentialEntity } from './model-credential.entity';
import { OrganisationEntity } from './organisation.entity';
import { PlanEntity } from './plan.entity';
import { PlanConformanceEntity } from './plan-conformance.entity';
import { PullRequestEntity } from './pull-request.entity';
import { QuotaCounterEntity } from './quota-counter.entity';
import { QuotaEntity } from './quota.entity';
import { RepositoryEntity } from './repository.entity';
import { TaskConstraintAdditionEntity } from './task-constraint-addition.entity';
import { TaskCandidateEntity } from './task-candidate.entity';
import { TaskEventEntity } from './task-event.entity';
import { TaskCheckpointEntity } from './task-checkpoint.entity';
import { TaskEntity } from './task.entity';
import { TaskFeedbackEntity } from './task-feedback.entity';
import { TaskGithubLinkEntity } from './task-github-link.entity';
import { UsageRecordEntity } from './usage-record.entity';
import { UserEntity } from './user.entity';
import { BacklogProjectEntity } from './backlog-project.entity';
import { BacklogItemEntity } from './backlog-item.entity';
import { BacklogVersionEntity } from './backlog-version.entity';
import { BacklogConversationEntity } from './backlog-conversation.entity';
import { BacklogMessageEntity } from './backlog-message.entity';

export {
  ApprovalEntity,
  ArtifactEntity,
  AuditEntryEntity,
  GithubInstallationEntity,
  MembershipEntity,
  ModelCredentialEntity,
  OrganisationEntity,
  PlanEntity,
  PullRequestEntity,
  QuotaCounterEntity,
  QuotaEntity,
  RepositoryEntity,
  TaskEventEntity,
  TaskEntity,
  UsageRecordEntity,
  UserEntity,
  GithubDeliveryEntity,
  TaskGithubLinkEntity,
  BudgetEntity,
  TaskFeedbackEntity,
  TaskConstraintAdditionEntity,
  McpServerEntity,
  McpRemoteAllowListEntity,
  PlanConformanceEntity,
  TaskCheckpointEntity,
  TaskCandidateEntity,
  BacklogProjectEntity,
  BacklogItemEntity,
  BacklogVersionEntity,
  BacklogConversationEntity,
  BacklogMessageEntity,
};
export { BACKLOG_MESSAGE_KINDS, type BacklogMessageKind } from './backlog-message.entity';
export type { BacklogVersionItem } from './backlog-version.entity';
export { ARTIFACT_KINDS, type ArtifactKind } from './artifact.entity';

export const ENTITIES = [
  McpServerEntity,
  McpRemoteAllowListEntity,
  OrganisationEntity,
  UserEntity,
  MembershipEntity,
  GithubInstallationEntity,
  RepositoryEntity,
  TaskEntity,
  TaskEventEntity,
  PlanEntity,
  ApprovalEntity,
  PullRequestEntity,
  ArtifactEntity,
  ModelCredentialEntity,
  UsageRecordEntity,
  QuotaEntity,
  QuotaCounterEntity,
  AuditEntryEntity,
  GithubDeliveryEntity,
  TaskGithubLinkEntity,
  BudgetEntity,
  TaskFeedbackEntity,
  TaskConstraintAdditionEntity,
  PlanConformanceEntity,
  TaskCheckpointEntity,
  TaskCandidateEntity,
  BacklogProjectEntity,
  BacklogItemEntity,
  BacklogVersionEntity,
  BacklogConversationEntity,
  BacklogMessageEntity,
];
