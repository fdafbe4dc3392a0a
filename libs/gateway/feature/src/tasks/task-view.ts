import type { TaskPullRequestSummary, TaskView } from '@patchbay/contracts';
import { traceIdOf } from '@patchbay/observability';
import type { PullRequestEntity, TaskEntity } from '@patchbay/persistence';

/** The pull request as a task list shows it: number, link and state. */
export function toTaskPullRequestSummary(pr: PullRequestEntity): TaskPullRequestSummary {
  return { number: pr.number, url: pr.url, state: pr.state, draft: pr.draft, headBranch: pr.headBranch };
}

/**
 * `pullRequest` is given when the caller looked it up (undefined leaves it out of the view, so a
 * client cannot mistake "not looked up" for "none").
 */
export function toTaskView(task: TaskEntity, pullRequest?: PullRequestEntity | null): TaskView {
  return {
    id: task.id,
    repository: task.repository?.fullName ?? '',
    baseBranch: task.baseBranch,
    prompt: task.prompt,
    status: task.status,
    priority: task.priority,
    constraints: task.constraints,
    autoApprove: { plan: task.autoApprovePlan, diff: task.autoApproveDiff },
    model: task.model,
    candidates: task.candidates,
    createdBy: task.createdBy,
    attempt: task.attempt,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    traceId: traceIdOf(task.traceparent),
    // Login and display name only: teammates need to know who asked, nothing more about them.
    ...(task.creator ? { author: { login: task.creator.login, displayName: task.creator.displayName } } : {}),
    ...(pullRequest === undefined ? {} : { pullRequest: pullRequest ? toTaskPullRequestSummary(pullRequest) : null }),
  };
}
