import { Injectable } from '@nestjs/common';
import type { ApprovalRateView, FeedbackTally, OrganisationReportView } from '@patchbay/contracts';
import { OrganisationReportRepository, type DecisionCounts } from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Enough to see where reviewers disagree with the agent; the full list is in the votes. */
export const MOST_DOWNVOTED_FILES = 10;

/** How the agent's work is received: approval rates, time to merge and reviewers' feedback. */
@Injectable()
export class OrganisationReportService {
  constructor(private readonly report: OrganisationReportRepository) {}

  async forOrganisation(user: SessionUser, days: number, now = new Date()): Promise<OrganisationReportView> {
    const since = new Date(now.getTime() - days * DAY_MS);
    const organisationId = user.organisationId;
    const [tasks, decisions, timeToMerge, feedback, mostDownvotedFiles] = await Promise.all([
      this.report.taskOutcomes(organisationId, since),
      this.report.decisions(organisationId, since),
      this.report.mergeTimes(organisationId, since),
      this.report.feedback(organisationId, since),
      this.report.mostDownvotedFiles(organisationId, since, MOST_DOWNVOTED_FILES),
    ]);
    const tallyOf = (scope: 'task' | 'file'): FeedbackTally => {
      const row = feedback.find((counts) => counts.scope === scope);
      return { up: row?.up ?? 0, down: row?.down ?? 0 };
    };
    return {
      since: since.toISOString(),
      days,
      tasks,
      approvalRate: { plan: approvalRate(decisions, 'plan'), diff: approvalRate(decisions, 'diff') },
      timeToMerge,
      feedback: { task: tallyOf('task'), file: tallyOf('file'), mostDownvotedFiles },
    };
  }
}

function approvalRate(decisions: readonly DecisionCounts[], subject: 'plan' | 'diff'): ApprovalRateView {
  const row = decisions.find((counts) => counts.subject === subject);
  const approved = row?.approved ?? 0;
  const rejected = row?.rejected ?? 0;
  return { approved, rejected, rate: approved + rejected === 0 ? null : approved / (approved + rejected) };
}
