import { Module } from '@nestjs/common';
import { BudgetService } from './budget.service';
import { BudgetsController } from './budgets.controller';
import { TaskBudgetController } from './task-budget.controller';

/** Spending budgets: the organisation's (admin API) and each task's own. */
@Module({
  controllers: [BudgetsController, TaskBudgetController],
  providers: [BudgetService],
  exports: [BudgetService],
})
export class BudgetsModule {}
