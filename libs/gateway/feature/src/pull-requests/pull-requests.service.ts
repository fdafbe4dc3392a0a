import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { MergedPullRequestView, PullRequestView } from '@patchbay/contracts';
import { ForgeConflictError, LocalForge } from '@patchbay/local-forge';
import { PullRequestRepository, TaskRepository, type PullRequestEntity } from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { TaskNotFoundException } from '../tasks/task-not-found.exception';

function toView(pr: PullRequestEntity): PullRequestView {
  return {
    number: pr.number,
    url: pr.url,
    headBranch: pr.headBranch,
    baseBranch: pr.baseBranch,
    headSha: pr.headSha,
    state: pr.state,
    draft: pr.draft,
    body: pr.body,
    createdAt: pr.createdAt.toISOString(),
    ...(pr.repository ? { forge: pr.repository.source === 'local' ? ('local' as const) : ('github' as const) } : {}),
  };
}

/** A task's pull request; on the local forge Patchbay is also the forge, so it merges too. */
@Injectable()
export class PullRequestsService {
  private readonly forge = new LocalForge();

  constructor(
    private readonly tasks: TaskRepository,
    private readonly pullRequests: PullRequestRepository,
  ) {}

  async get(user: SessionUser, taskId: string): Promise<PullRequestView> {
    return toView(await this.require(user, taskId));
  }

  /** Fast-forwards the base branch when possible, otherwise merges; never force-pushes. */
  async merge(user: SessionUser, taskId: string): Promise<MergedPullRequestView> {
    const pr = await this.require(user, taskId);
    const repository = pr.repository;
    if (!repository || repository.source !== 'local' || !repository.cloneUrl) {
      throw new ConflictException(
        'Only local-forge pull requests are merged here; merge GitHub pull requests on GitHub',
      );
    }
    if (pr.state !== 'open') throw new ConflictException(`Pull request #${pr.number} is ${pr.state}`);
    try {
      const result = await this.forge.merge(repository.cloneUrl, pr.baseBranch, pr.headBranch, {
        name: user.login,
        email: `${user.login}@users.noreply.patchbay.local`,
      });
      await this.pullRequests.markMerged(pr.id);
      return { ...toView(pr), state: 'merged', ...result };
    } catch (error) {
      if (error instanceof ForgeConflictError) throw new ConflictException(error.message);
      throw error;
    }
  }

  private async require(user: SessionUser, taskId: string): Promise<PullRequestEntity> {
    if (!(await this.tasks.findById(user.organisationId, taskId))) throw new TaskNotFoundException(taskId);
    const pr = await this.pullRequests.findByTask(taskId);
    if (!pr) throw new NotFoundException('This task has no pull request yet');
    return pr;
  }
}
