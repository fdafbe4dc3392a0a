import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  addTaskConstraintRequestSchema,
  approvePlanRequestSchema,
  approveDiffRequestSchema,
  type ApproveDiffRequest,
  type PlanConformanceView,
  type AddedConstraint,
  type AddTaskConstraintRequest,
  explainChangeRequestSchema,
  type ExplainChangeAccepted,
  type ExplainChangeRequest,
  createTaskRequestSchema,
  taskDiffQuerySchema,
  type AttemptDiffSummary,
  type TaskDiffQuery,
  listTasksQuerySchema,
  rejectRequestSchema,
  resumeTaskRequestSchema,
  taskEventsQuerySchema,
  type ApprovePlanRequest,
  type CommandOutputView,
  type EgressReport,
  type CreateTaskRequest,
  type ListTasksQuery,
  type RejectRequest,
  type ResumeTaskRequest,
  type TaskEvent,
  type TaskPage,
  type TaskReviewRecord,
  type TaskUsageView,
  type TaskView,
} from '@patchbay/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { ApprovalsService } from './approvals.service';
import { TaskConstraintsService } from './task-constraints.service';
import { TaskEgressReportService } from './task-egress-report.service';
import { ChangeExplanationsService } from './change-explanations.service';
import { PlanConformanceService } from './plan-conformance.service';
import { servePartial } from './serve-partial';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly approvals: ApprovalsService,
    private readonly constraints: TaskConstraintsService,
    private readonly explanations: ChangeExplanationsService,
    private readonly conformance: PlanConformanceService,
    private readonly egressReports: TaskEgressReportService,
  ) {}

  @Post()
  @Access('developer')
  @Audited('task.create', 'task')
  @ApiOperation({ summary: 'Create a task; it starts queued' })
  @ApiZodBody(createTaskRequestSchema)
  create(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(createTaskRequestSchema)) body: CreateTaskRequest,
  ): Promise<TaskView> {
    return this.tasks.create(user, body);
  }

  @Get()
  @Access('viewer')
  @ApiOperation({ summary: 'Tasks, newest first, filtered, with cursor pagination' })
  list(
    @CurrentUser() user: SessionUser,
    @Query(new ZodValidationPipe(listTasksQuerySchema)) query: ListTasksQuery,
  ): Promise<TaskPage> {
    return this.tasks.list(user, query);
  }

  @Get(':id')
  @Access('viewer')
  @ApiOperation({ summary: 'One task' })
  get(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<TaskView> {
    return this.tasks.get(user, id);
  }

  @Get(':id/usage')
  @Access('viewer')
  @ApiOperation({ summary: "The task's model usage: tokens, cost (USD) and number of calls" })
  usage(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<TaskUsageView> {
    return this.tasks.usage(user, id);
  }

  @Get(':id/events')
  @Access('viewer')
  @ApiOperation({ summary: "The task's events after a sequence number, in order" })
  events(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(taskEventsQuerySchema)) query: z.infer<typeof taskEventsQuerySchema>,
  ): Promise<TaskEvent[]> {
    return this.tasks.listEvents(user, id, query.after, query.limit);
  }

  @Get(':id/diff')
  @Access('viewer')
  @ApiOperation({
    summary:
      'The latest diff as a unified diff (text/x-diff); with ?attempt=N the change after that coding round (see GET /tasks/:id/diffs)',
  })
  async diff(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(taskDiffQuerySchema)) query: TaskDiffQuery,
  ): Promise<StreamableFile> {
    const artifact = await this.tasks.diff(user, id, query.attempt);
    return new StreamableFile(artifact.content, { type: 'text/x-diff; charset=utf-8' });
  }

  @Get(':id/diff/conformance')
  @Access('viewer')
  @ApiOperation({
    summary:
      'The latest diff read against the approved plan: each step with its changed files or "no change", and the changes outside the plan (ADR 0031)',
  })
  planConformance(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
  ): Promise<PlanConformanceView> {
    return this.conformance.view(user, id);
  }

  @Get(':id/egress')
  @Access('viewer')
  @ApiOperation({
    summary:
      "Connections the task's sandbox tried to open and the egress proxy refused (host, port, time, commands), collected when the diff was prepared",
  })
  egressReport(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<EgressReport> {
    return this.egressReports.get(user, id);
  }

  @Get(':id/diffs')
  @Access('viewer')
  @ApiOperation({
    summary:
      'The change after each coding round, oldest first, without content: attempt, round, sha256, sizeBytes, createdAt',
  })
  attemptDiffs(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
  ): Promise<AttemptDiffSummary[]> {
    return this.tasks.attemptDiffs(user, id);
  }

  @Get(':id/outputs/:artifactId')
  @Access('viewer')
  @ApiOperation({
    summary:
      "A command's whole output, when its command_executed event carries only the head and tail (outputArtifactId)",
  })
  commandOutput(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Param('artifactId', new UuidParamPipe('artifactId')) artifactId: string,
  ): Promise<CommandOutputView> {
    return this.tasks.commandOutput(user, id, artifactId);
  }

  @Get(':id/audio')
  @Access('viewer')
  @ApiOperation({ summary: 'The spoken summary (Ogg Opus by default), with byte-range requests for seeking' })
  async audio(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Headers('range') range: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const artifact = await this.tasks.artifact(user, id, 'audio');
    return servePartial(artifact.content, artifact.contentType, range, response);
  }

  @Get(':id/review')
  @Access('viewer')
  @ApiOperation({
    summary:
      'The review record: every plan version with its editor, every decision with who made it, on which version, its feedback and inline comments',
  })
  review(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<TaskReviewRecord> {
    return this.approvals.reviewRecord(user, id);
  }

  @Post(':id/plan/approve')
  @HttpCode(200)
  @Access('developer')
  @Audited('task.plan.approve', 'task', 'id')
  @ApiOperation({ summary: 'Approve the plan, optionally with edited steps and target tests' })
  @ApiZodBody(approvePlanRequestSchema)
  approvePlan(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(approvePlanRequestSchema)) body: ApprovePlanRequest,
  ): Promise<TaskView> {
    return this.approvals.approvePlan(user, id, {
      steps: body.steps,
      targetTests: body.targetTests,
      baseVersion: body.baseVersion,
    });
  }

  @Post(':id/plan/reject')
  @HttpCode(200)
  @Access('developer')
  @Audited('task.plan.reject', 'task', 'id')
  @ApiOperation({ summary: 'Reject the plan with feedback; the task re-plans' })
  @ApiZodBody(rejectRequestSchema)
  rejectPlan(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(rejectRequestSchema)) body: RejectRequest,
  ): Promise<TaskView> {
    return this.approvals.rejectPlan(user, id, body);
  }

  @Post(':id/diff/approve')
  @HttpCode(200)
  @Access('developer')
  @Audited('task.diff.approve', 'task', 'id')
  @ApiOperation({
    summary:
      'Approve the diff; the task publishes a pull request. A diff with changes outside the approved plan needs each of them in acknowledgeOutOfPlan (409 otherwise)',
  })
  @ApiZodBody(approveDiffRequestSchema)
  approveDiff(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(approveDiffRequestSchema)) body: ApproveDiffRequest,
  ): Promise<TaskView> {
    return this.approvals.approveDiff(user, id, body);
  }

  @Post(':id/diff/reject')
  @HttpCode(200)
  @Access('developer')
  @Audited('task.diff.reject', 'task', 'id')
  @ApiOperation({ summary: 'Request changes to the diff with feedback' })
  @ApiZodBody(rejectRequestSchema)
  rejectDiff(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(rejectRequestSchema)) body: RejectRequest,
  ): Promise<TaskView> {
    return this.approvals.rejectDiff(user, id, body);
  }

  @Post(':id/constraints')
  @Access('developer')
  @Audited('task.constraint.add', 'task', 'id')
  @ApiOperation({
    summary:
      'Add a constraint while the task runs: a note for the coder, files to avoid from now on, a lower limit on changed files',
  })
  @ApiZodBody(addTaskConstraintRequestSchema)
  addConstraint(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(addTaskConstraintRequestSchema)) body: AddTaskConstraintRequest,
  ): Promise<AddedConstraint> {
    return this.constraints.add(user, id, body);
  }

  @Post(':id/diff/explanations')
  @HttpCode(202)
  @Access('developer')
  @Audited('task.diff.explain', 'task', 'id')
  @ApiOperation({
    summary:
      "Ask the reviewer model about the diff, a file of it or lines of a file; the answer streams as the task's explanation_* events",
  })
  @ApiZodBody(explainChangeRequestSchema)
  explainChange(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(explainChangeRequestSchema)) body: ExplainChangeRequest,
  ): Promise<ExplainChangeAccepted> {
    return this.explanations.request(user, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Access('developer')
  @Audited('task.cancel', 'task', 'id')
  @ApiOperation({ summary: 'Cancel the task' })
  cancel(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<TaskView> {
    return this.tasks.cancel(user, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Access('developer')
  @Audited('task.resume', 'task', 'id')
  @ApiZodBody(resumeTaskRequestSchema)
  @ApiOperation({
    summary:
      'Resume a paused task: "fix_it" (more rounds, with your note; "fix" is accepted too), "change_approach" (re-plan) or "resume" (after a budget pause)',
  })
  resume(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(resumeTaskRequestSchema)) body: ResumeTaskRequest,
  ): Promise<TaskView> {
    return this.tasks.resume(user, id, body);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Access('developer')
  @Audited('task.retry', 'task', 'id')
  @ApiOperation({ summary: 'Run a failed or cancelled task again' })
  retry(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<TaskView> {
    return this.tasks.retry(user, id);
  }
}
