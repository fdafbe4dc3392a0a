import { MessagePatterns, type PublishChangesCommand } from '@patchbay/contracts';
import { patchbayBranchName } from '@patchbay/local-forge';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { enterStage, requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';
import { pullRequestBody, pullRequestTitle } from '../pull-request-body';

/**
 * Publishes the approved diff. The pull request row is the idempotency record: a replayed step
 * finds it and does not publish twice. A GitHub follow-up commits to its pull request's branch
 * and opens nothing new; the github agent recognises its own commit on a replay.
 */
export function publishNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    await enterStage(deps, brief.taskId, 'publishing');
    const existing = await deps.pullRequests.findByTask(brief.taskId);
    if (existing)
      return {
        published: {
          branch: existing.headBranch,
          headSha: existing.headSha ?? '',
          number: existing.number,
          url: existing.url,
        },
      };

    const followUp = brief.github?.followUp ?? null;
    const title = pullRequestTitle(brief.prompt);
    // The branch name must be the same when this step runs again after a crash (ADR 0039): a
    // replay that reached another github agent (the first one killed, its remembered answer gone)
    // would otherwise push the same commit to a second branch. So its time is the task's
    // creation, not now, and a later attempt of the task gets its own name.
    const createdAt = (await deps.store.loadTask(brief.taskId))?.task.createdAt ?? new Date();
    const branch =
      followUp?.branch ??
      `${patchbayBranchName(title, createdAt, brief.taskId)}${brief.attempt > 1 ? `-attempt-${brief.attempt}` : ''}`;
    const body = pullRequestBody(state);
    const command: PublishChangesCommand = {
      requestId: `${brief.taskId}:${brief.attempt}:publish:${state.diffHash}`,
      taskId: brief.taskId,
      repositoryId: brief.repositoryId,
      barePath: brief.barePath,
      baseBranch: brief.baseBranch,
      baseCommit: requireBrief(state.baseCommit, 'a base commit'),
      branch,
      diff: requireBrief(state.diff, 'a diff'),
      title,
      body,
      draft: brief.draftPullRequests,
      author: { login: brief.login, email: `${brief.login}@users.noreply.patchbay.local` },
      github: brief.github,
    };
    const result = await deps.rpc.call(MessagePatterns.PublishChanges, command, deps.timeouts.publishMs);
    if (followUp) {
      const updated = await deps.pullRequests.recordFollowUp(
        brief.repositoryId,
        followUp.pullRequestNumber,
        result.headSha,
      );
      const url = result.url ?? updated?.url ?? '';
      await deps.events.raise(brief.taskId, 'pr_created', {
        number: followUp.pullRequestNumber,
        url,
        branch: result.branch,
        headSha: result.headSha,
        filesChanged: result.filesChanged,
        draft: updated?.draft ?? brief.draftPullRequests,
        followUp: true,
      });
      return { published: { branch: result.branch, headSha: result.headSha, number: followUp.pullRequestNumber, url } };
    }
    const pullRequest = await deps.pullRequests.create(
      {
        taskId: brief.taskId,
        repositoryId: brief.repositoryId,
        url: result.url ?? '',
        headBranch: result.branch,
        baseBranch: brief.baseBranch,
        headSha: result.headSha,
        draft: brief.draftPullRequests,
        body,
      },
      result.pullRequestNumber,
    );
    const url = pullRequest.url;
    await deps.events.raise(brief.taskId, 'pr_created', {
      number: pullRequest.number,
      url,
      branch: result.branch,
      headSha: result.headSha,
      filesChanged: result.filesChanged,
      draft: brief.draftPullRequests,
    });
    return { published: { branch: result.branch, headSha: result.headSha, number: pullRequest.number, url } };
  };
}
