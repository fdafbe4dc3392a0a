import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  acceptBacklogProposalRequestSchema,
  rejectBacklogProposalRequestSchema,
  sendBacklogMessageRequestSchema,
  type AcceptBacklogProposalRequest,
  type BacklogConversationView,
  type BacklogProjectDetailView,
  type RejectBacklogProposalRequest,
  type SendBacklogMessageRequest,
} from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { BacklogConversationsService } from './backlog-conversations.service';

@ApiTags('backlog')
@Controller('backlog')
export class BacklogConversationsController {
  constructor(private readonly conversations: BacklogConversationsService) {}

  @Get('conversations/:id')
  @Access('viewer')
  @ApiOperation({
    summary:
      'A conversation: the person’s messages, the planner’s proposals (pending ones as a tree diff) and decisions',
  })
  get(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
  ): Promise<BacklogConversationView> {
    return this.conversations.get(user, id);
  }

  @Post('conversations/:id/messages')
  @HttpCode(202)
  @Access('developer')
  @Audited('backlog.message', 'backlog_conversation', 'id')
  @ApiOperation({ summary: 'Ask the planner; its proposed patch (or why there is none) follows in the conversation' })
  @ApiZodBody(sendBacklogMessageRequestSchema)
  send(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(sendBacklogMessageRequestSchema)) body: SendBacklogMessageRequest,
  ): Promise<{ id: string; conversationId: string }> {
    return this.conversations.send(user, id, body.text);
  }

  @Post('proposals/:id/accept')
  @HttpCode(200)
  @Access('developer')
  @Audited('backlog.proposal.accept', 'backlog_proposal', 'id')
  @ApiOperation({
    summary:
      'Accept a proposed patch, as proposed or edited (re-validated); 409 with currentVersion when its base is stale',
  })
  @ApiZodBody(acceptBacklogProposalRequestSchema)
  accept(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(acceptBacklogProposalRequestSchema)) body: AcceptBacklogProposalRequest,
  ): Promise<BacklogProjectDetailView> {
    return this.conversations.accept(user, id, body);
  }

  @Post('proposals/:id/reject')
  @HttpCode(200)
  @Access('developer')
  @Audited('backlog.proposal.reject', 'backlog_proposal', 'id')
  @ApiOperation({ summary: 'Reject a proposed patch, optionally saying why (the planner sees it in later turns)' })
  @ApiZodBody(rejectBacklogProposalRequestSchema)
  reject(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(rejectBacklogProposalRequestSchema)) body: RejectBacklogProposalRequest,
  ): Promise<{ id: string }> {
    return this.conversations.reject(user, id, body);
  }
}
