import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import {
  diffReadyPayloadSchema,
  type FeedbackTally,
  type FeedbackVoteView,
  type SubmitFeedbackRequest,
  type TaskFeedbackView,
} from '@patchbay/contracts';
import {
  TaskEventRepository,
  TaskFeedbackRepository,
  TaskRepository,
  type TaskFeedbackEntity,
} from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { TaskNotFoundException } from '../tasks/task-not-found.exception';

/** Thumbs up/down on a reviewed change, per task and per file of its diff (issue 20, item 5). */
@Injectable()
export class TaskFeedbackService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly events: TaskEventRepository,
    private readonly feedback: TaskFeedbackRepository,
  ) {}

  async list(user: SessionUser, taskId: string): Promise<TaskFeedbackView> {
    await this.requireTask(user, taskId);
    return toFeedbackView(await this.feedback.listForTask(taskId));
  }

  /** Records the caller's vote, replacing their earlier one on the same task or file. */
  async submit(user: SessionUser, taskId: string, request: SubmitFeedbackRequest): Promise<FeedbackVoteView> {
    await this.requireTask(user, taskId);
    const filesInDiff = await this.filesOfLatestDiff(taskId);
    const filePath = request.filePath ?? null;
    if (filePath !== null && !filesInDiff.includes(filePath))
      throw new UnprocessableEntityException(`${filePath} is not a file this task's diff changes`);
    const vote = await this.feedback.upsert({
      taskId,
      userId: user.userId,
      filePath,
      rating: request.rating,
      comment: request.comment || null,
    });
    return toVoteView(vote);
  }

  private async requireTask(user: SessionUser, taskId: string): Promise<void> {
    if (!(await this.tasks.findById(user.organisationId, taskId))) throw new TaskNotFoundException(taskId);
  }

  /** Feedback is on a change someone could review: the task must have presented a diff. */
  private async filesOfLatestDiff(taskId: string): Promise<string[]> {
    const diffReady = await this.events.latestOfType(taskId, 'diff_ready');
    if (!diffReady) throw new ConflictException('This task has no diff to give feedback on yet');
    return diffReadyPayloadSchema.parse(diffReady.payload).files.map((file) => file.path);
  }
}

function toVoteView(vote: TaskFeedbackEntity): FeedbackVoteView {
  return {
    filePath: vote.filePath,
    rating: vote.rating,
    comment: vote.comment,
    by: { id: vote.userId, login: vote.user?.login ?? '' },
    updatedAt: vote.updatedAt.toISOString(),
  };
}

export function toFeedbackView(votes: readonly TaskFeedbackEntity[]): TaskFeedbackView {
  const task: FeedbackTally = { up: 0, down: 0 };
  const files = new Map<string, FeedbackTally & { path: string }>();
  for (const vote of votes) {
    if (vote.filePath === null) {
      task[vote.rating] += 1;
      continue;
    }
    const file = files.get(vote.filePath) ?? { path: vote.filePath, up: 0, down: 0 };
    file[vote.rating] += 1;
    files.set(vote.filePath, file);
  }
  return { votes: votes.map(toVoteView), task, files: [...files.values()] };
}
