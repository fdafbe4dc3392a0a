import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  BroadcastPatterns,
  CONSTRAINABLE_TASK_STATUSES,
  constraintWidening,
  mergeTaskConstraints,
  type AddedConstraint,
  type AddTaskConstraintRequest,
  type TaskConstraintAddedNotice,
} from '@patchbay/contracts';
import { TaskConstraintRepository, TaskEventRepository, toAddedConstraint } from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { TaskEventsService } from '../events/task-events.service';
import { TasksService } from './tasks.service';

/**
 * Constraints a developer adds to a running task (issue 20): stored with their `constraint_added`
 * event in one transaction, then announced to every coding agent, whose running round applies them
 * before its next step. Additions only narrow what the agent may do.
 */
@Injectable()
export class TaskConstraintsService {
  constructor(
    private readonly tasks: TasksService,
    private readonly constraints: TaskConstraintRepository,
    private readonly taskEvents: TaskEventRepository,
    private readonly events: TaskEventsService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async add(user: SessionUser, id: string, request: AddTaskConstraintRequest): Promise<AddedConstraint> {
    const { added, event } = await this.tasks.transactionOnTask(user, id, async (task, manager) => {
      if (!CONSTRAINABLE_TASK_STATUSES.includes(task.status))
        throw new ConflictException(
          `Constraints can be added only while the task is live (not publishing or finished); this one is ${task.status}`,
        );
      const current = mergeTaskConstraints(task.constraints, await this.constraints.listForTask(id, manager));
      const widening = constraintWidening(current, request);
      if (widening) throw new BadRequestException(widening);
      const avoidFiles = request.avoidFiles?.filter((pattern) => !current.avoidFiles?.includes(pattern));
      if (request.note === undefined && request.maxFilesChanged === undefined && avoidFiles?.length === 0)
        throw new BadRequestException('avoidFiles: every pattern is already on the task’s list of files to avoid');
      const row = await this.constraints.add(manager, {
        taskId: id,
        note: request.note,
        avoidFiles,
        maxFilesChanged: request.maxFilesChanged,
        addedBy: user.userId,
      });
      const constraint = toAddedConstraint(row, user.login);
      const stored = await this.taskEvents.append(
        {
          taskId: id,
          type: 'constraint_added',
          agent: 'gateway',
          payload: {
            constraintId: constraint.id,
            ...(constraint.note !== undefined ? { note: constraint.note } : {}),
            ...(constraint.avoidFiles ? { avoidFiles: constraint.avoidFiles } : {}),
            ...(constraint.maxFilesChanged !== undefined ? { maxFilesChanged: constraint.maxFilesChanged } : {}),
            addedBy: user.login,
          },
        },
        manager,
      );
      return { added: constraint, event: stored };
    });
    this.events.broadcastRecorded(event);
    // Announced only once stored: a coding agent that misses it still gets it with its next round's request.
    const notice: TaskConstraintAddedNotice = { taskId: id, ...added };
    await this.bus.broadcast(BroadcastPatterns.TaskConstraintAdded, notice);
    return added;
  }
}
