import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createBacklogProjectRequestSchema,
  previewBacklogPatchRequestSchema,
  sendBacklogItemRequestSchema,
  startBacklogConversationRequestSchema,
  type BacklogConversationView,
  type BacklogTaskOriginView,
  type BacklogPatch,
  type BacklogPatchPreviewView,
  type BacklogProjectDetailView,
  type BacklogProjectView,
  type BacklogSentItemView,
  type BacklogVersionView,
  type CreateBacklogProjectRequest,
  type SendBacklogItemRequest,
  type StartBacklogConversationRequest,
} from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { BacklogConversationsService } from './backlog-conversations.service';
import { BacklogProjectsService } from './backlog-projects.service';

@ApiTags('backlog')
@Controller('backlog')
export class BacklogProjectsController {
  constructor(
    private readonly projects: BacklogProjectsService,
    private readonly conversations: BacklogConversationsService,
  ) {}

  @Get('projects')
  @Access('viewer')
  @ApiOperation({ summary: 'The organisation’s backlog projects, newest first' })
  list(@CurrentUser() user: SessionUser): Promise<BacklogProjectView[]> {
    return this.projects.list(user);
  }

  @Post('projects')
  @Access('developer')
  @Audited('backlog.project.create', 'backlog_project')
  @ApiOperation({ summary: 'Create a backlog project with a goal (its tree starts empty, at version 0)' })
  @ApiZodBody(createBacklogProjectRequestSchema)
  create(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(createBacklogProjectRequestSchema)) body: CreateBacklogProjectRequest,
  ): Promise<BacklogProjectView> {
    return this.projects.create(user, body);
  }

  @Get('projects/:id')
  @Access('viewer')
  @ApiOperation({ summary: 'A backlog project with its task tree (each sent leaf with its coding task’s status)' })
  detail(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
  ): Promise<BacklogProjectDetailView> {
    return this.projects.detail(user, id);
  }

  @Delete('projects/:id')
  @Access('developer')
  @Audited('backlog.project.delete', 'backlog_project', 'id')
  @ApiOperation({ summary: 'Delete a backlog project (its creator or an admin); coding tasks sent from it stay' })
  remove(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<{ id: string }> {
    return this.projects.remove(user, id);
  }

  @Get('projects/:id/versions')
  @Access('viewer')
  @ApiOperation({ summary: 'Every accepted patch of the project, newest first, with who accepted it' })
  versions(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
  ): Promise<BacklogVersionView[]> {
    return this.projects.versions(user, id);
  }

  @Post('projects/:id/preview')
  @HttpCode(200)
  @Access('developer')
  @ApiOperation({ summary: 'Check a patch against the current tree and see it as a tree diff, without applying it' })
  @ApiZodBody(previewBacklogPatchRequestSchema)
  preview(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(previewBacklogPatchRequestSchema)) body: { patch: BacklogPatch; itemId?: string },
  ): Promise<BacklogPatchPreviewView> {
    return this.projects.preview(user, id, body.patch, body.itemId);
  }

  @Get('projects/:id/conversations')
  @Access('viewer')
  @ApiOperation({ summary: 'The project’s conversations with the planner, newest first, each with its messages' })
  listConversations(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
  ): Promise<BacklogConversationView[]> {
    return this.conversations.list(user, id);
  }

  @Post('projects/:id/conversations')
  @Access('developer')
  @Audited('backlog.conversation.start', 'backlog_conversation')
  @ApiOperation({
    summary: 'Start a conversation: project mode (plan the top level) or task mode (decompose one task)',
  })
  @ApiZodBody(startBacklogConversationRequestSchema)
  startConversation(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(startBacklogConversationRequestSchema)) body: StartBacklogConversationRequest,
  ): Promise<BacklogConversationView> {
    return this.conversations.start(user, id, body);
  }

  @Post('projects/:id/items/:itemId/send')
  @Access('developer')
  @Audited('backlog.item.send', 'backlog_item', 'itemId')
  @ApiOperation({
    summary:
      'Send a leaf task to Patchbay: a coding task on an allowed repository, its prompt the leaf’s text, linked both ways',
  })
  @ApiZodBody(sendBacklogItemRequestSchema)
  sendItem(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Param('itemId', new UuidParamPipe()) itemId: string,
    @Body(new ZodValidationPipe(sendBacklogItemRequestSchema)) body: SendBacklogItemRequest,
  ): Promise<BacklogSentItemView> {
    return this.projects.sendItem(user, id, itemId, body);
  }

  @Get('tasks/:taskId')
  @Access('viewer')
  @ApiOperation({ summary: 'The backlog task a coding task was sent from (origin null when it was not sent from one)' })
  originOfTask(
    @CurrentUser() user: SessionUser,
    @Param('taskId', new UuidParamPipe()) taskId: string,
  ): Promise<BacklogTaskOriginView> {
    return this.projects.originOfTask(user, taskId);
  }
}
