import { Injectable } from '@nestjs/common';
import type { PlanConformanceReport } from '@patchbay/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { PlanConformanceEntity } from '../entities';

/**
 * Plan conformance reports (ADR 0031): written by the supervisor when it prepares a diff (through
 * PipelineRepository), read by the gateway for diff review and the diff approval's gate.
 */
@Injectable()
export class PlanConformanceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the report on a diff once; a replayed prepare_diff (same diff) stores nothing more. */
  async save(taskId: string, report: PlanConformanceReport): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(PlanConformanceEntity)
      .values({ taskId, diffSha256: report.diffSha256, planVersion: report.planVersion, report })
      .orIgnore()
      .execute();
  }

  /** The report on one diff of the task, or null when none was made (a diff prepared before reports existed). */
  async forDiff(taskId: string, diffSha256: string, manager?: EntityManager): Promise<PlanConformanceReport | null> {
    const row = await (manager ?? this.dataSource.manager)
      .getRepository(PlanConformanceEntity)
      .findOneBy({ taskId, diffSha256 });
    return row?.report ?? null;
  }
}
