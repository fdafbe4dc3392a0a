import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { EventsModule } from '../events/events.module';
import { QuotasModule } from '../quotas/quotas.module';
import { ApprovalsService } from './approvals.service';
import { TaskConstraintsService } from './task-constraints.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Tasks: creation, reading, plan and diff decisions, constraints added mid-flight, cancel, resume, retry. */
@Module({
  imports: [QuotasModule, BudgetsModule, EventsModule],
  controllers: [TasksController],
  providers: [TasksService, ApprovalsService, TaskConstraintsService],
  exports: [TasksService],
})
export class TasksModule {}
