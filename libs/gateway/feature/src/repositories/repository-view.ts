import type { RepositoryView } from '@patchbay/contracts';
import type { RepositoryEntity } from '@patchbay/persistence';

export function toRepositoryView(entity: RepositoryEntity): RepositoryView {
  return {
    id: entity.id,
    fullName: entity.fullName,
    source: entity.source,
    defaultBranch: entity.defaultBranch,
    allowed: entity.allowed,
    egressAllowedHosts: entity.egressAllowedHosts ?? [],
    settings: {
      testCommand: entity.testCommand,
      lintCommand: entity.lintCommand,
      lintMode: entity.lintMode,
      setupCommand: entity.setupCommand,
      requiredChecks: entity.requiredChecks,
      env: entity.env,
      // Secret values never leave the server; members see which names are set.
      secretEnvNames: Object.keys(entity.secretEnv ?? {}).sort(),
      autoApprovePlan: entity.autoApprovePlan,
      autoApproveDiff: entity.autoApproveDiff,
      requireSeparateApprover: entity.requireSeparateApprover,
      allowPreexistingFailures: entity.allowPreexistingFailures,
      triggerLabel: entity.triggerLabel,
      draftPullRequests: entity.draftPullRequests,
    },
    createdAt: entity.createdAt.toISOString(),
  };
}
