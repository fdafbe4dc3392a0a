import { Injectable } from '@nestjs/common';
import { egressReportSchema, type EgressReport } from '@patchbay/contracts';
import type { SessionUser } from '../common/session-user';
import { TasksService } from './tasks.service';

/** The task's egress report, as the supervisor stored it when the diff was prepared (ADR 0032). */
@Injectable()
export class TaskEgressReportService {
  constructor(private readonly tasks: TasksService) {}

  async get(user: SessionUser, taskId: string): Promise<EgressReport> {
    const artifact = await this.tasks.artifact(user, taskId, 'egress_report');
    // Only the supervisor writes this artifact; parsing still keeps any other shape from reaching a client.
    return egressReportSchema.parse(JSON.parse(artifact.content.toString('utf8')));
  }
}
