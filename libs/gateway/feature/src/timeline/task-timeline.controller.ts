import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  taskTimelineQuerySchema,
  TIMELINE_ENTRY_KINDS,
  type TaskCheckpointView,
  type TaskTimeline,
  type TaskTimelineExport,
  type TaskTimelineQuery,
} from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import type { Response } from 'express';
import { Access } from '../common/access.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { TaskTimelineService } from './task-timeline.service';

@ApiTags('tasks')
@Controller('tasks')
export class TaskTimelineController {
  constructor(private readonly timelines: TaskTimelineService) {}

  @Get(':id/timeline')
  @Access('viewer')
  @ApiOperation({
    summary: `Everything the task did in one order: ?kinds= keeps some of ${TIMELINE_ENTRY_KINDS.join(', ')}`,
  })
  timeline(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(taskTimelineQuerySchema)) query: TaskTimelineQuery,
  ): Promise<TaskTimeline> {
    return this.timelines.timeline(user, id, query.kinds);
  }

  @Get(':id/timeline/export')
  @Access('viewer')
  @ApiOperation({ summary: 'The timeline (with ?kinds= as above) as a JSON file to download' })
  async export(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(taskTimelineQuerySchema)) query: TaskTimelineQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TaskTimelineExport> {
    const exported = await this.timelines.export(user, id, query.kinds);
    response.setHeader('Content-Disposition', `attachment; filename="task-${id}-timeline.json"`);
    return exported;
  }

  @Get(':id/checkpoints')
  @Access('viewer')
  @ApiOperation({
    summary:
      "The task's LangGraph checkpoints, oldest first: the node that had run, the next one, the round, and whether a fork can start there",
  })
  checkpoints(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
  ): Promise<TaskCheckpointView[]> {
    return this.timelines.checkpoints(user, id);
  }
}
