import { Module } from '@nestjs/common';
import { OrganisationReportController } from './organisation-report.controller';
import { OrganisationReportService } from './organisation-report.service';
import { TaskFeedbackController } from './task-feedback.controller';
import { TaskFeedbackService } from './task-feedback.service';

/** Reviewers' feedback on the agent's changes, and the organisation report that sums it up. */
@Module({
  controllers: [TaskFeedbackController, OrganisationReportController],
  providers: [TaskFeedbackService, OrganisationReportService],
})
export class FeedbackModule {}
