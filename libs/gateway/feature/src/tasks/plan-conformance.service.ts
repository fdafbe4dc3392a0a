import { Injectable, NotFoundException } from '@nestjs/common';
import type { PlanConformanceView } from '@patchbay/contracts';
import { ApprovalRepository, PlanConformanceRepository } from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { TasksService } from './tasks.service';

/** The latest diff read against the approved plan (ADR 0031), for diff review. */
@Injectable()
export class PlanConformanceService {
  constructor(
    private readonly tasks: TasksService,
    private readonly approvals: ApprovalRepository,
    private readonly conformance: PlanConformanceRepository,
  ) {}

  /** The report on the task's latest diff, with who acknowledged its changes outside the plan once it was approved. */
  async view(user: SessionUser, taskId: string): Promise<PlanConformanceView> {
    // The task's diff applies the same organisation check (404) as every task route, and 404s without a diff.
    const diff = await this.tasks.artifact(user, taskId, 'diff');
    const report = await this.conformance.forDiff(taskId, diff.sha256);
    if (!report)
      throw new NotFoundException("This task's diff has no plan conformance report (it was prepared without one)");
    const approval = (await this.approvals.listApprovals(taskId))
      .filter((row) => row.subject === 'diff' && row.decision === 'approved' && row.contentHash === diff.sha256)
      .find((row) => row.acknowledgedOutOfPlan.length > 0);
    if (!approval) return { report, acknowledgement: null };
    const logins = await this.approvals.loginsOf(approval.decidedBy === null ? [] : [approval.decidedBy]);
    return {
      report,
      acknowledgement: {
        paths: approval.acknowledgedOutOfPlan,
        by: (approval.decidedBy && logins.get(approval.decidedBy)) ?? 'a former member',
        at: approval.decidedAt.toISOString(),
      },
    };
  }
}
