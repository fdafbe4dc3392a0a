import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  diffFileSections,
  EXPLAINABLE_TASK_STATUSES,
  MessagePatterns,
  selectDiffLines,
  type ExplainChangeAccepted,
  type ExplainChangeCommand,
  type ExplainChangeRequest,
} from '@patchbay/contracts';
import { ApprovalRepository, TaskRepository } from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { TaskEventsService } from '../events/task-events.service';
import { TaskNotFoundException } from './task-not-found.exception';

/**
 * "Explain this change": checks that a reviewer's question is about the diff under review (a file
 * it changes, lines of its hunks), records the question on the task's log and hands it to the
 * supervisor, which owns the task's models and streams the answer onto the same log.
 */
@Injectable()
export class ChangeExplanationsService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly reviews: ApprovalRepository,
    private readonly events: TaskEventsService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async request(user: SessionUser, taskId: string, request: ExplainChangeRequest): Promise<ExplainChangeAccepted> {
    const task = await this.tasks.findById(user.organisationId, taskId);
    if (!task) throw new TaskNotFoundException(taskId);
    if (!EXPLAINABLE_TASK_STATUSES.includes(task.status))
      throw new ConflictException(
        `A change can be explained once its diff is up for review; this task is ${task.status}`,
      );
    const diff = await this.reviews.latestArtifact(taskId, 'diff');
    if (!diff) throw new NotFoundException('This task has no diff yet');
    if (request.file !== undefined) {
      const sections = diffFileSections(diff.content.toString('utf8'));
      const section = sections.find((candidate) => candidate.path === request.file);
      if (!section)
        throw new BadRequestException(
          `file: "${request.file}" is not in the diff; it changes ${sections.map((s) => s.path).join(', ')}`,
        );
      if (request.lines && selectDiffLines(section, request.lines).length === 0)
        throw new BadRequestException(
          `lines: ${request.lines.start}-${request.lines.end} are outside the changed parts of ${request.file} (${section.hunks
            .map((hunk) => `${hunk.newStart}-${hunk.newStart + Math.max(hunk.newLines, 1) - 1}`)
            .join(', ')})`,
        );
    }
    const explanationId = randomUUID();
    // Only what was asked: a whole-diff question carries no file, a file question no lines.
    const asked = {
      question: request.question,
      ...(request.file !== undefined ? { file: request.file } : {}),
      ...(request.lines ? { lines: request.lines } : {}),
    };
    await this.events.raise({
      taskId,
      type: 'explanation_requested',
      agent: 'gateway',
      payload: { explanationId, ...asked, by: user.login, diffSha256: diff.sha256 },
    });
    const command: ExplainChangeCommand = {
      taskId,
      organisationId: task.organisationId,
      explanationId,
      ...asked,
      diffSha256: diff.sha256,
      requestedBy: user.userId,
    };
    await this.bus.publish(MessagePatterns.ExplainChange, command);
    return { explanationId };
  }
}
