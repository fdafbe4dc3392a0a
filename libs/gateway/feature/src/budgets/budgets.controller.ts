import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { setBudgetRequestSchema, type BudgetOverview, type SetBudgetRequest } from '@patchbay/contracts';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { BudgetService } from './budget.service';

@ApiTags('admin')
@Controller('admin/budgets')
export class BudgetsController {
  constructor(private readonly budgets: BudgetService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: "Budget limits (defaults, the organisation's, per user) and spend this UTC day and month" })
  overview(@CurrentUser() user: SessionUser): Promise<BudgetOverview> {
    return this.budgets.overview(user.organisationId);
  }

  @Put()
  @Access('admin')
  @Audited('budget.set', 'budget')
  @ApiOperation({
    summary:
      "Set a budget in USD and tokens: the task default, every user's or one user's daily budget, or the monthly budget",
  })
  @ApiZodBody(setBudgetRequestSchema)
  set(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(setBudgetRequestSchema)) body: SetBudgetRequest,
  ): Promise<BudgetOverview> {
    return this.budgets.set(user.organisationId, body);
  }
}
