import { Injectable } from '@nestjs/common';
import { roleAtLeast, type AwaitingReviewView } from '@patchbay/contracts';
import { PullRequestRepository, TaskRepository } from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { toTaskView } from '../tasks/task-view';

/** More waiting tasks than this is a backlog to triage in the history, not a list to work through. */
export const AWAITING_REVIEW_LIMIT = 100;

/** The tasks waiting for a decision the caller may give, so nobody has to scan the dashboard for them. */
@Injectable()
export class AwaitingReviewService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly pullRequests: PullRequestRepository,
  ) {}

  async forUser(user: SessionUser): Promise<AwaitingReviewView> {
    // Viewers cannot approve anything: nothing waits for them, and they get no 403 to show.
    if (!roleAtLeast(user.role, 'developer')) return { items: [], count: 0 };
    const rows = await this.tasks.listAwaitingReviewBy(user.organisationId, user.userId, AWAITING_REVIEW_LIMIT);
    const pullRequests = new Map(
      (await this.pullRequests.findByTasks(rows.map((task) => task.id))).map((pr) => [pr.taskId, pr]),
    );
    return { items: rows.map((task) => toTaskView(task, pullRequests.get(task.id) ?? null)), count: rows.length };
  }
}
