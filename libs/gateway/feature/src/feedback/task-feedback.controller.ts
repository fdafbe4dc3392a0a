import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  submitFeedbackRequestSchema,
  type FeedbackVoteView,
  type SubmitFeedbackRequest,
  type TaskFeedbackView,
} from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { TaskFeedbackService } from './task-feedback.service';

@ApiTags('tasks')
@Controller('tasks/:id/feedback')
export class TaskFeedbackController {
  constructor(private readonly feedback: TaskFeedbackService) {}

  @Get()
  @Access('viewer')
  @ApiOperation({ summary: "Thumbs up/down on the task's change and on each file of its diff, with tallies" })
  list(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<TaskFeedbackView> {
    return this.feedback.list(user, id);
  }

  @Put()
  @Access('developer')
  @Audited('task.feedback', 'task', 'id')
  @ApiOperation({ summary: "Vote up or down on the task's change or one file of its diff; a new vote replaces yours" })
  @ApiZodBody(submitFeedbackRequestSchema)
  submit(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(submitFeedbackRequestSchema)) body: SubmitFeedbackRequest,
  ): Promise<FeedbackVoteView> {
    return this.feedback.submit(user, id, body);
  }
}
