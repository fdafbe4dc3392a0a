import { MessagePatterns, type PublishChangesCommand, type PublishResult } from '@patchbay/contracts';
import { patchbayBranchName } from '@patchbay/local-forge';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { enterStage, requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';
import { pullRequestBody, pullRequestTitle } from '../pull-request-body';

/**
 * Publishes the approved diff. The pull request row is the idempotency record: a replayed step
 * finds it and does not publish twice.
 */
export function publishNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    await enterStage(deps, brief.taskId, 'publishing');
    const existing = await deps.pullRequests.findByTask(brief.taskId);
    if (existing) return { published: { branch: existing.headBranch, headSha: existing.headSha ?? '', number: existing.number, url: existing.url } };

    const title = pullRequestTitle(brief.prompt);
    const body = pullRequestBody(state);
    const command: PublishChangesCommand = {
      requestId: `${brief.taskId}:${brief.attempt}:publish:${state.diffHash}`,
      taskId: brief.taskId,
      repositoryId: brief.repositoryId,
      barePath: brief.barePath,
      baseBranch: brief.baseBranch,
      baseCommit: requireBrief(state.baseCommit, 'a base commit'),
      branch: patchbayBranchName(title),
      diff: requireBrief(state.diff, 'a diff'),
      title,
      body,
      draft: brief.draftPullRequests,
      author: { login: brief.login, email: `${brief.login}@users.noreply.patchbay.local` },
    };
    const result = await deps.rpc.call<PublishResult>(MessagePatterns.PublishChanges, command, deps.timeouts.publishMs);
    const pullRequest = await deps.pullRequests.create({
      taskId: brief.taskId, repositoryId: brief.repositoryId, url: result.url ?? '', headBranch: result.branch, baseBranch: brief.baseBranch,
      headSha: result.headSha, draft: brief.draftPullRequests, body,
    }, result.pullRequestNumber);
    const url = pullRequest.url;
    await deps.events.raise(brief.taskId, 'pr_created', { number: pullRequest.number, url, branch: result.branch, headSha: result.headSha, filesChanged: result.filesChanged, draft: brief.draftPullRequests });
    return { published: { branch: result.branch, headSha: result.headSha, number: pullRequest.number, url } };
  };
}
