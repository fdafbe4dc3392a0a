import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { EventsModule } from '../events/events.module';
import { QuotasModule } from '../quotas/quotas.module';
import { ApprovalsService } from './approvals.service';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';
import { ChangeExplanationsService } from './change-explanations.service';
import { ClarificationsController } from './clarifications.controller';
import { ClarificationsService } from './clarifications.service';
import { PlanConformanceService } from './plan-conformance.service';
import { RequiredChecksController } from './required-checks.controller';
import { RequiredChecksService } from './required-checks.service';
import { TaskConstraintsService } from './task-constraints.service';
import { TaskEgressReportService } from './task-egress-report.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/**
 * Tasks: creation, reading, answers to the planner's questions, plan and diff decisions,
 * constraints added mid-flight, questions about the diff, best-of-N candidates, cancel, resume, retry.
 */
@Module({
  imports: [QuotasModule, BudgetsModule, EventsModule],
  controllers: [TasksController, ClarificationsController, RequiredChecksController, CandidatesController],
  providers: [
    TasksService,
    ApprovalsService,
    ClarificationsService,
    TaskConstraintsService,
    ChangeExplanationsService,
    PlanConformanceService,
    TaskEgressReportService,
    RequiredChecksService,
    CandidatesService,
  ],
  exports: [TasksService, ClarificationsService],
})
export class TasksModule {}
