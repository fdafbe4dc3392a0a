import { Injectable } from '@nestjs/common';
import type {
  TaskCheckpointView,
  TaskEvent,
  TaskTimeline,
  TaskTimelineExport,
  TimelineEntryKind,
} from '@patchbay/contracts';
import {
  ApprovalRepository,
  TaskCheckpointRepository,
  TaskEventRepository,
  TaskRepository,
  TaskTimelineRepository,
  type TaskEntity,
} from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { toTaskEvent } from '../events/task-event-view';
import { TaskNotFoundException } from '../tasks/task-not-found.exception';
import { assembleTaskTimeline } from './assemble-task-timeline';
import { toCheckpointView } from './task-checkpoint-view';

/** Events are read in pages of this many; a task's whole log is read for its timeline. */
const EVENT_PAGE = 1_000;

/** A task's timeline and checkpoints, readable by whoever may read the task (ADR 0036). */
@Injectable()
export class TaskTimelineService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly events: TaskEventRepository,
    private readonly sources: TaskTimelineRepository,
    private readonly checkpointRecord: TaskCheckpointRepository,
    private readonly approvals: ApprovalRepository,
  ) {}

  async timeline(user: SessionUser, id: string, kinds?: readonly TimelineEntryKind[]): Promise<TaskTimeline> {
    return this.assemble(await this.require(user, id), kinds);
  }

  async export(user: SessionUser, id: string, kinds?: readonly TimelineEntryKind[]): Promise<TaskTimelineExport> {
    const task = await this.require(user, id);
    return {
      exportedAt: new Date().toISOString(),
      task: {
        id: task.id,
        repository: task.repository?.fullName ?? '',
        prompt: task.prompt,
        status: task.status,
        attempt: task.attempt,
        model: task.model,
      },
      kinds: kinds ? [...kinds] : 'all',
      ...(await this.assemble(task, kinds)),
    };
  }

  async checkpoints(user: SessionUser, id: string): Promise<TaskCheckpointView[]> {
    await this.require(user, id);
    return this.checkpointViews(id);
  }

  /** The task's checkpoints with whether each can be forked; also used by the fork service. */
  async checkpointViews(taskId: string): Promise<TaskCheckpointView[]> {
    const [rows, snapshots] = await Promise.all([
      this.checkpointRecord.listForTask(taskId),
      this.approvals.attemptDiffs(taskId),
    ]);
    const workspaceSnapshots = snapshots.map((snapshot) => ({
      round: snapshot.round ?? 0,
      createdAt: snapshot.createdAt,
    }));
    // Rows are oldest first: the latest `execute` seen so far in each thread starts the round that checkpoint is in.
    const roundStarts = new Map<string, Date>();
    return rows.map((row) => {
      if (!roundStarts.has(row.threadId) || row.node === 'execute') roundStarts.set(row.threadId, row.at);
      return toCheckpointView(row, workspaceSnapshots, roundStarts.get(row.threadId) ?? row.at);
    });
  }

  private async assemble(task: TaskEntity, kinds?: readonly TimelineEntryKind[]): Promise<TaskTimeline> {
    const [events, modelCalls, approvals, checkpoints] = await Promise.all([
      this.allEvents(task.id),
      this.sources.modelCalls(task.id),
      this.sources.approvals(task.id),
      this.checkpointViews(task.id),
    ]);
    return assembleTaskTimeline(
      task.id,
      {
        events,
        modelCalls,
        approvals: approvals.map(({ approval, login }) => ({
          id: approval.id,
          subject: approval.subject,
          decision: approval.decision,
          by: login,
          automatic: approval.decidedBy === null,
          contentHash: approval.contentHash,
          planVersion: approval.planVersion,
          feedback: approval.feedback,
          comments: approval.comments,
          at: approval.decidedAt,
        })),
        checkpoints,
      },
      kinds,
    );
  }

  private async allEvents(taskId: string): Promise<TaskEvent[]> {
    const events: TaskEvent[] = [];
    for (;;) {
      const page = await this.events.listAfter(taskId, events.at(-1)?.seq ?? 0, EVENT_PAGE);
      events.push(...page.map(toTaskEvent));
      if (page.length < EVENT_PAGE) return events;
    }
  }

  private async require(user: SessionUser, id: string): Promise<TaskEntity> {
    const task = await this.tasks.findById(user.organisationId, id);
    if (!task) throw new TaskNotFoundException(id);
    return task;
  }
}
