import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UsageRecordEntity } from '../entities';

export interface UsageTotals {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  modelCalls: number;
}

@Injectable()
export class UsageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A record with a `callId` is stored under that id once: a redelivered report changes nothing. */
  async insert(
    fields: Pick<
      UsageRecordEntity,
      'organisationId' | 'userId' | 'taskId' | 'role' | 'model' | 'promptTokens' | 'completionTokens' | 'durationMs'
    > & { costUsd: number; callId?: string },
  ): Promise<void> {
    const { callId, ...values } = fields;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(UsageRecordEntity)
      .values({ ...values, ...(callId ? { id: callId } : {}), costUsd: fields.costUsd.toFixed(6) })
      .orIgnore()
      .execute();
  }

  async totalsForTask(taskId: string): Promise<UsageTotals> {
    const row = await this.dataSource
      .getRepository(UsageRecordEntity)
      .createQueryBuilder('u')
      .select('COALESCE(SUM(u.prompt_tokens), 0)', 'prompt')
      .addSelect('COALESCE(SUM(u.completion_tokens), 0)', 'completion')
      .addSelect('COALESCE(SUM(u.cost_usd), 0)', 'cost')
      .addSelect('COUNT(*)', 'calls')
      .where('u.task_id = :taskId', { taskId })
      .getRawOne<{ prompt: string; completion: string; cost: string; calls: string }>();
    return {
      promptTokens: Number(row?.prompt ?? 0),
      completionTokens: Number(row?.completion ?? 0),
      costUsd: Number(row?.cost ?? 0),
      modelCalls: Number(row?.calls ?? 0),
    };
  }
}
