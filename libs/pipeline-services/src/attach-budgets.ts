import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@patchbay/config';
import { budgetDefaultsEnvSchema, budgetDefaultsOf } from '@patchbay/contracts';
import { BudgetRepository } from '@patchbay/persistence';
import { BudgetGuard } from './budget-guard';
import type { TaskModels } from './task-models';

/**
 * Makes a service's task models stop at budgets. Needs the database (PersistenceModule in the
 * app); the BUDGET_* defaults must be the same in every service that makes model calls and in the
 * gateway, which shows and enforces them on resume.
 */
export function attachBudgets(
  app: INestApplication,
  models: TaskModels,
  env: NodeJS.ProcessEnv = process.env,
): BudgetGuard {
  const guard = new BudgetGuard(app.get(BudgetRepository), budgetDefaultsOf(loadConfig(budgetDefaultsEnvSchema, env)));
  models.budgets = guard;
  return guard;
}
