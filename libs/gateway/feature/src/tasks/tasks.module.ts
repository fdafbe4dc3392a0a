import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { EventsModule } from '../events/events.module';
import { QuotasModule } from '../quotas/quotas.module';
import { ApprovalsService } from './approvals.service';
import { ChangeExplanationsService } from './change-explanations.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Tasks: creation, reading, plan and diff decisions, questions about the diff, cancel, resume, retry. */
@Module({
  imports: [QuotasModule, BudgetsModule, EventsModule],
  controllers: [TasksController],
  providers: [TasksService, ApprovalsService, ChangeExplanationsService],
  exports: [TasksService],
})
export class TasksModule {}
