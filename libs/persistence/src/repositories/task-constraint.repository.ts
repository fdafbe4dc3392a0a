import { Injectable } from '@nestjs/common';
import type { AddedConstraint } from '@patchbay/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { TaskConstraintAdditionEntity } from '../entities';

export interface NewConstraintAddition {
  taskId: string;
  note?: string;
  avoidFiles?: string[];
  maxFilesChanged?: number;
  addedBy: string;
}

/** Constraints added while a task runs: written by the gateway, read by it and by the supervisor. */
@Injectable()
export class TaskConstraintRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores an addition inside the caller's transaction (the task row locked, its event appended in the same one). */
  async add(manager: EntityManager, addition: NewConstraintAddition): Promise<TaskConstraintAdditionEntity> {
    const repo = manager.getRepository(TaskConstraintAdditionEntity);
    return repo.save(
      repo.create({
        taskId: addition.taskId,
        note: addition.note ?? null,
        avoidFiles: addition.avoidFiles ?? [],
        maxFilesChanged: addition.maxFilesChanged ?? null,
        addedBy: addition.addedBy,
      }),
    );
  }

  /** The task's additions, oldest first, with the adder's login. */
  async listForTask(taskId: string, manager?: EntityManager): Promise<AddedConstraint[]> {
    const rows = await (manager ?? this.dataSource.manager).getRepository(TaskConstraintAdditionEntity).find({
      where: { taskId },
      relations: { adder: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => toAddedConstraint(row, row.adder?.login ?? row.addedBy));
  }
}

export function toAddedConstraint(row: TaskConstraintAdditionEntity, addedBy: string): AddedConstraint {
  return {
    id: row.id,
    ...(row.note !== null ? { note: row.note } : {}),
    ...(row.avoidFiles.length > 0 ? { avoidFiles: row.avoidFiles } : {}),
    ...(row.maxFilesChanged !== null ? { maxFilesChanged: row.maxFilesChanged } : {}),
    addedBy,
    at: row.createdAt.toISOString(),
  };
}
