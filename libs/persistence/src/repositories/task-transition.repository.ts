import { Injectable } from '@nestjs/common';
import { assertTransition, isTerminalStatus, type AgentName, type TaskStatus } from '@patchbay/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { TaskEntity, type TaskEventEntity } from '../entities';
import { TaskEventRepository } from './task-event.repository';

/** A status change one service asks for. */
export interface TaskTransition {
  taskId: string;
  to: TaskStatus;
  /** The service that moves the task; the `status_changed` event is raised in its name. */
  agent: AgentName;
  /** The login of the person who asked for the move, named in the event; absent when the platform moves on its own. */
  by?: string;
  /** A retry: the task runs again as its next attempt. */
  nextAttempt?: boolean;
  /**
   * A move to the status the task already holds changes nothing and answers null, instead of
   * being refused: a replayed graph step must not record its status twice.
   */
  unlessAlreadyThere?: boolean;
}

export interface TaskTransitionResult {
  /** The task as the transition left it. */
  task: TaskEntity;
  from: TaskStatus;
  /** The `status_changed` event, committed with the status; broadcast it only after the commit. */
  event: TaskEventEntity;
}

/**
 * The one writer of a task's status. A status and the `status_changed` event that records it are
 * written in one transaction under the task row's lock, so they never diverge and two services
 * moving the same task are serialised: the second is checked against the status the first left,
 * not the one it read before (ADR 0020).
 */
@Injectable()
export class TaskTransitionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: TaskEventRepository,
  ) {}

  /**
   * Moves a task, refusing what the status machine forbids (IllegalTaskTransitionError). Runs in
   * the caller's transaction when given one (the gateway checks quotas in the same transaction),
   * otherwise in its own.
   */
  transitionTask(
    transition: TaskTransition & { unlessAlreadyThere: true },
    manager?: EntityManager,
  ): Promise<TaskTransitionResult | null>;
  transitionTask(transition: TaskTransition, manager?: EntityManager): Promise<TaskTransitionResult>;
  async transitionTask(transition: TaskTransition, manager?: EntityManager): Promise<TaskTransitionResult | null> {
    const run = async (m: EntityManager): Promise<TaskTransitionResult | null> => {
      const task = await m
        .getRepository(TaskEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.id = :id', { id: transition.taskId })
        .getOne();
      if (!task) throw new Error(`task ${transition.taskId} does not exist`);
      if (transition.unlessAlreadyThere && task.status === transition.to) return null;
      const from = task.status;
      assertTransition(from, transition.to);
      task.status = transition.to;
      // Leaving a terminal status (a retry) clears the finish time, so it always describes the current run.
      task.finishedAt = isTerminalStatus(transition.to) ? new Date() : null;
      if (transition.nextAttempt) task.attempt += 1;
      await m
        .getRepository(TaskEntity)
        .update({ id: task.id }, { status: task.status, finishedAt: task.finishedAt, attempt: task.attempt });
      const event = await this.appendStatusChanged(m, task, from, transition.agent, transition.by);
      task.lastEventSeq = event.seq;
      return { task, from, event };
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** The first `status_changed` of a task, recorded in the transaction that inserts it (it has no previous status). */
  recordInitialStatus(
    manager: EntityManager,
    task: TaskEntity,
    agent: AgentName,
    by?: string,
  ): Promise<TaskEventEntity> {
    return this.appendStatusChanged(manager, task, null, agent, by);
  }

  private appendStatusChanged(
    manager: EntityManager,
    task: TaskEntity,
    from: TaskStatus | null,
    agent: AgentName,
    by: string | undefined,
  ): Promise<TaskEventEntity> {
    return this.events.append(
      {
        taskId: task.id,
        type: 'status_changed',
        agent,
        payload: { from, to: task.status, ...(by === undefined ? {} : { by }), attempt: task.attempt },
      },
      manager,
    );
  }
}
