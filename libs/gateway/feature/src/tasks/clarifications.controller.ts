import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { answerClarificationRequestSchema, type AnswerClarificationRequest, type TaskView } from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ClarificationsService } from './clarifications.service';

/** The answer to the planner's question (ADR 0026); the same people who may approve a plan may answer. */
@ApiTags('tasks')
@Controller('tasks')
export class ClarificationsController {
  constructor(private readonly clarifications: ClarificationsService) {}

  @Post(':id/clarification')
  @HttpCode(200)
  @Access('developer')
  @Audited('task.clarification.answer', 'task', 'id')
  @ApiOperation({ summary: "Answer the planner's question; the task plans again with the answer" })
  @ApiZodBody(answerClarificationRequestSchema)
  answer(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(answerClarificationRequestSchema)) body: AnswerClarificationRequest,
  ): Promise<TaskView> {
    return this.clarifications.answer(user, id, body.answer, 'dashboard');
  }
}
