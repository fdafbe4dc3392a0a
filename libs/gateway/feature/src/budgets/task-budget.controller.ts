import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { taskBudgetRequestSchema, type TaskBudgetRequest, type TaskBudgetView } from '@patchbay/contracts';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { BudgetService } from './budget.service';

@ApiTags('tasks')
@Controller('tasks')
export class TaskBudgetController {
  constructor(private readonly budgets: BudgetService) {}

  @Get(':id/budget')
  @Access('viewer')
  @ApiOperation({ summary: 'Spend against every budget that applies to the task, and the first one reached' })
  get(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<TaskBudgetView> {
    return this.budgets.forTask(user, id);
  }

  @Put(':id/budget')
  @Access('developer')
  @Audited('task.budget.set', 'task', 'id')
  @ApiOperation({ summary: "Set (raise) the task's own budget; above the organisation's task budget only for admins" })
  @ApiZodBody(taskBudgetRequestSchema)
  set(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(taskBudgetRequestSchema)) body: TaskBudgetRequest,
  ): Promise<TaskBudgetView> {
    return this.budgets.setTaskBudget(user, id, body);
  }
}
