import { createHash } from 'node:crypto';
import type { NewTaskEvent, TaskEventType } from '@patchbay/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { ArtifactEntity, TaskEventEntity, TaskEntity } from '../entities';

/** A file that belongs to one event (a command's whole output): stored with it, named in its payload. */
export interface EventAttachment {
  /** The payload field that receives the artifact's id. */
  field: string;
  contentType: string;
  content: Buffer;
}

@Injectable()
export class TaskEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends an event with the task's next sequence number. Incrementing `last_event_seq` takes the
   * task row's lock, so concurrent producers get distinct, gap-free numbers in commit order.
   */
  async append(event: NewTaskEvent, manager?: EntityManager): Promise<TaskEventEntity> {
    const run = async (m: EntityManager): Promise<TaskEventEntity> => {
      const result = await m
        .createQueryBuilder()
        .update(TaskEntity)
        .set({ lastEventSeq: () => 'last_event_seq + 1' })
        .where('id = :id', { id: event.taskId })
        .returning('last_event_seq')
        .updateEntity(false)
        .execute();
      const seq = (result.raw as Array<{ last_event_seq?: number }>)[0]?.last_event_seq;
      if (seq === undefined) throw new Error(`task ${event.taskId} does not exist`);
      const repo = m.getRepository(TaskEventEntity);
      return repo.save(repo.create({ ...event, seq }));
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Appends an event an agent raised, unless the task is cancelled: the status check and the
   * sequence number are one statement, so no agent event can land after the cancelled status
   * however late the agent's message arrives. Null when the event was dropped.
   */
  async appendUnlessCancelled(event: NewTaskEvent, attachment?: EventAttachment): Promise<TaskEventEntity | null> {
    return this.dataSource.transaction(async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(TaskEntity)
        .set({ lastEventSeq: () => 'last_event_seq + 1' })
        .where('id = :id AND status <> :cancelled', { id: event.taskId, cancelled: 'cancelled' })
        .returning('last_event_seq')
        .updateEntity(false)
        .execute();
      const seq = (result.raw as Array<{ last_event_seq?: number }>)[0]?.last_event_seq;
      if (seq === undefined) {
        if (await m.getRepository(TaskEntity).existsBy({ id: event.taskId })) return null;
        throw new Error(`task ${event.taskId} does not exist`);
      }
      let payload = event.payload;
      if (attachment) {
        const artifacts = m.getRepository(ArtifactEntity);
        const sha256 = createHash('sha256').update(attachment.content).digest('hex');
        const artifact = await artifacts.save(
          artifacts.create({
            taskId: event.taskId,
            kind: 'log',
            contentType: attachment.contentType,
            content: attachment.content,
            sizeBytes: attachment.content.length,
            sha256,
          }),
        );
        payload = { ...payload, [attachment.field]: artifact.id };
      }
      const repo = m.getRepository(TaskEventEntity);
      return repo.save(repo.create({ ...event, payload, seq }));
    });
  }

  listAfter(taskId: string, afterSeq: number, limit: number): Promise<TaskEventEntity[]> {
    return this.dataSource.getRepository(TaskEventEntity).find({
      where: { taskId, seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }

  /** The task's most recent event of one type (in `manager`'s transaction when given). */
  latestOfType(taskId: string, type: TaskEventType, manager?: EntityManager): Promise<TaskEventEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(TaskEventEntity)
      .findOne({ where: { taskId, type }, order: { seq: 'DESC' } });
  }

  findById(id: string): Promise<TaskEventEntity | null> {
    return this.dataSource.getRepository(TaskEventEntity).findOneBy({ id });
  }

  /** Which organisation a task belongs to, for authorising subscriptions to its events. */
  async organisationOfTask(taskId: string): Promise<string | null> {
    const task = await this.dataSource
      .getRepository(TaskEntity)
      .findOne({ where: { id: taskId }, select: { organisationId: true } });
    return task?.organisationId ?? null;
  }
}
