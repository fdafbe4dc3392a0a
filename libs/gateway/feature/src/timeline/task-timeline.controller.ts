import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createForkRequestSchema,
  taskTimelineQuerySchema,
  type CreateForkRequest,
  type TaskLineage,
  type TaskView,
  TIMELINE_ENTRY_KINDS,
  type TaskCheckpointView,
  type TaskTimeline,
  type TaskTimelineExport,
  type TaskTimelineQuery,
} from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import type { Response } from 'express';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { TaskForksService } from './task-forks.service';
import { TaskTimelineService } from './task-timeline.service';

@ApiTags('tasks')
@Controller('tasks')
export class TaskTimelineController {
  constructor(
    private readonly timelines: TaskTimelineService,
    private readonly forks: TaskForksService,
  ) {}

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

  @Post(':id/forks')
  @Access('developer')
  @Audited('task.fork', 'task', 'id')
  @ApiOperation({
    summary:
      'Fork a new task from a checkpoint, optionally with another model or an edited plan; linked to this one as its parent',
  })
  @ApiZodBody(createForkRequestSchema)
  fork(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(createForkRequestSchema)) body: CreateForkRequest,
  ): Promise<TaskView> {
    return this.forks.fork(user, id, body);
  }

  @Get(':id/forks')
  @Access('viewer')
  @ApiOperation({
    summary: 'The task this one was forked from, the tasks forked from it, and the models a fork may use',
  })
  lineage(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<TaskLineage> {
    return this.forks.lineage(user, id);
  }
}
