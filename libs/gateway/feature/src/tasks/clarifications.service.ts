import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  clarificationRequestedPayloadSchema,
  MessagePatterns,
  type AnswerClarificationCommand,
  type ClarificationChannel,
  type TaskView,
} from '@patchbay/contracts';
import { TaskEventRepository, TaskRepository, TaskTransitionRepository } from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { TaskEventsService } from '../events/task-events.service';
import { TasksService } from './tasks.service';

/**
 * Answers to the planner's questions (ADR 0026), from the dashboard or a `@patchbay` reply on
 * GitHub. The answer is recorded and the task moved back to planning in one transaction on the
 * locked task row, so of two answers to one question the second finds the task planning (409);
 * then the supervisor is told, and resumes the task's graph with the answer.
 */
@Injectable()
export class ClarificationsService {
  constructor(
    private readonly tasksService: TasksService,
    private readonly tasks: TaskRepository,
    private readonly taskEvents: TaskEventRepository,
    private readonly transitions: TaskTransitionRepository,
    private readonly events: TaskEventsService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async answer(user: SessionUser, taskId: string, answer: string, via: ClarificationChannel): Promise<TaskView> {
    const recorded = await this.tasks.transaction(async (manager) => {
      const task = await this.tasksService.lock(manager, user, taskId);
      if (task.status !== 'awaiting_clarification')
        throw new ConflictException(`This task is ${task.status}; there is no question awaiting an answer`);
      const asked = clarificationRequestedPayloadSchema.safeParse(
        (await this.taskEvents.latestOfType(taskId, 'clarification_requested', manager))?.payload,
      );
      if (!asked.success) throw new ConflictException('This task has no question awaiting an answer');
      const { questionNumber } = asked.data;
      const answered = await this.taskEvents.append(
        {
          taskId,
          type: 'clarification_answered',
          agent: 'gateway',
          payload: { answer, answeredBy: user.login, via, questionNumber },
        },
        manager,
      );
      const { event: statusChanged } = await this.transitions.transitionTask(
        { taskId, to: 'planning', agent: 'gateway', by: user.login },
        manager,
      );
      return { answered, statusChanged, questionNumber };
    });
    // The answer first, then the status it led to, as they were recorded.
    this.events.broadcastRecorded(recorded.answered);
    this.events.broadcastRecorded(recorded.statusChanged);
    const command: AnswerClarificationCommand = {
      taskId,
      answer,
      answeredBy: user.login,
      answeredById: user.userId,
      via,
      questionNumber: recorded.questionNumber,
    };
    await this.bus.publish(MessagePatterns.AnswerClarification, command, {
      messageId: `${taskId}:clarification:${recorded.questionNumber}:${recorded.answered.id}`,
    });
    return this.tasksService.get(user, taskId);
  }
}
