import { ConflictException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  MessagePatterns,
  type ResolveApprovalCommand,
  type TaskCandidateView,
  type TaskView,
} from '@patchbay/contracts';
import {
  ApprovalRepository,
  TaskCandidateRepository,
  TaskEventRepository,
  TaskRepository,
  TaskTransitionRepository,
  type TaskCandidateEntity,
} from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { TaskEventsService } from '../events/task-events.service';
import { TasksService } from './tasks.service';

/**
 * Best-of-N candidates (ADR 0034): reading them, and a reviewer choosing another one at diff
 * approval. The supervisor alone writes the candidates; choosing records the decision (an approval
 * row refusing the diff shown, its event, the task moved back to executing so the old diff can no
 * longer be approved) in one transaction on the locked task row, then tells the supervisor, which
 * applies the chosen change and presents its diff for approval.
 */
@Injectable()
export class CandidatesService {
  constructor(
    private readonly tasksService: TasksService,
    private readonly tasks: TaskRepository,
    private readonly candidates: TaskCandidateRepository,
    private readonly approvals: ApprovalRepository,
    private readonly taskEvents: TaskEventRepository,
    private readonly transitions: TaskTransitionRepository,
    private readonly events: TaskEventsService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** The candidates of the task's latest attempt that ran any, with their diffs; empty for a single-attempt task. */
  async list(user: SessionUser, taskId: string): Promise<TaskCandidateView[]> {
    await this.tasksService.get(user, taskId);
    return (await this.candidates.listLatest(taskId)).map(toCandidateView);
  }

  async select(user: SessionUser, taskId: string, index: number): Promise<TaskView> {
    const recorded = await this.tasks.transaction(async (manager) => {
      const task = await this.tasksService.lock(manager, user, taskId);
      if (task.status !== 'awaiting_diff_approval')
        throw new ConflictException(
          `This task is ${task.status}; a candidate can be chosen only while its diff awaits approval`,
        );
      const rows = await this.candidates.list(taskId, task.attempt);
      if (rows.length === 0)
        throw new NotFoundException('This task ran no candidates (it was created with candidates: 1)');
      const chosen = rows.find((row) => row.index === index);
      if (!chosen)
        throw new NotFoundException(`This task has no candidate ${index}; it has candidates 1 to ${rows.length}`);
      if (chosen.selected) throw new ConflictException(`Candidate ${index} is already the one awaiting approval`);
      if (chosen.status !== 'finished' || !chosen.done || !chosen.diff.trim())
        throw new UnprocessableEntityException(
          `Candidate ${index} cannot be chosen: ${chosen.error ?? 'its change does not pass the tests (target tests met, nothing new failing)'}`,
        );
      const diff = await this.approvals.latestArtifact(taskId, 'diff', manager);
      if (!diff) throw new ConflictException('There is no diff to decide on yet');
      const feedback = `Use candidate ${index} instead`;
      const approval = await this.approvals.insertApproval(manager, {
        taskId,
        subject: 'diff',
        decision: 'rejected',
        contentHash: diff.sha256,
        feedback,
        decidedBy: user.userId,
        planVersion: null,
        comments: [],
      });
      const decided = await this.taskEvents.append(
        {
          taskId,
          type: 'checkpoint_reached',
          agent: 'gateway',
          payload: {
            approval: approval.id,
            subject: 'diff',
            decision: 'rejected',
            by: user.login,
            contentHash: diff.sha256,
            feedback,
          },
        },
        manager,
      );
      const { event: statusChanged } = await this.transitions.transitionTask(
        { taskId, to: 'executing', agent: 'gateway', by: user.login },
        manager,
      );
      const command: ResolveApprovalCommand = {
        taskId,
        approvalId: approval.id,
        subject: 'diff',
        decision: 'rejected',
        contentHash: diff.sha256,
        feedback,
        selectCandidate: index,
        decidedBy: user.userId,
      };
      return { command, decided, statusChanged };
    });
    this.events.broadcastRecorded(recorded.decided);
    this.events.broadcastRecorded(recorded.statusChanged);
    await this.bus.publish(MessagePatterns.ResolveApproval, recorded.command, {
      messageId: recorded.command.approvalId,
    });
    return this.tasksService.get(user, taskId);
  }
}

function toCandidateView(row: TaskCandidateEntity): TaskCandidateView {
  return {
    index: row.index,
    status: row.status,
    selected: row.selected,
    done: row.done,
    checksPassed: row.checksPassed,
    rounds: row.rounds,
    tests: row.validation ? { passed: row.validation.tests.passed, failed: row.validation.tests.failed } : null,
    newFailures: row.newFailures,
    failingTargetTests: row.failingTargetTests,
    changedLines: row.changedLines,
    filesChanged: row.filesChanged,
    diff: row.diff,
    diffSha256: row.diffSha256,
    error: row.error,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
