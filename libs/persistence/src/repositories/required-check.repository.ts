import { Injectable } from '@nestjs/common';
import {
  checkCompletedPayloadSchema,
  checkWaivedPayloadSchema,
  latestRequiredChecks,
  type CheckCompletedRecord,
  type CheckWaivedRecord,
  type RequiredCheckResult,
} from '@patchbay/contracts';
import { DataSource, In, type EntityManager } from 'typeorm';
import { TaskEventEntity } from '../entities';

/**
 * A task's required checks, read from its log: `check_completed` (recorded by the supervisor for
 * each validation run) and `check_waived` (recorded by the gateway). The events are the record;
 * this is the one reading of them, shared by the gateway's approval path and the supervisor's gate.
 */
@Injectable()
export class RequiredCheckRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The checks of the attempt's latest validation run, each with its waiver; empty when none ran. */
  async latestForAttempt(taskId: string, attempt: number, manager?: EntityManager): Promise<RequiredCheckResult[]> {
    const rows = await (manager ?? this.dataSource.manager).getRepository(TaskEventEntity).find({
      where: { taskId, type: In(['check_completed', 'check_waived']) },
      order: { seq: 'ASC' },
    });
    const completed: CheckCompletedRecord[] = [];
    const waived: CheckWaivedRecord[] = [];
    for (const row of rows) {
      if (row.type === 'check_completed') {
        const parsed = checkCompletedPayloadSchema.safeParse(row.payload);
        if (parsed.success && parsed.data.attempt === attempt) completed.push(parsed.data);
      } else {
        const parsed = checkWaivedPayloadSchema.safeParse(row.payload);
        if (parsed.success) waived.push({ ...parsed.data, at: row.at.toISOString() });
      }
    }
    return latestRequiredChecks(completed, waived);
  }
}
