import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PullRequestView } from '@patchbay/contracts';
import { Access } from '../common/access.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { PullRequestsService } from './pull-requests.service';

@ApiTags('tasks')
@Controller('tasks/:id/pull-request')
export class PullRequestsController {
  constructor(private readonly pullRequests: PullRequestsService) {}

  @Get()
  @Access('viewer')
  @ApiOperation({ summary: "The task's pull request" })
  get(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<PullRequestView> {
    return this.pullRequests.get(user, id);
  }

  @Post('merge')
  @HttpCode(200)
  @Access('developer')
  @Audited('pull-request.merge', 'task', 'id')
  @ApiOperation({ summary: 'Merge a local-forge pull request into its base branch (fast-forward when possible)' })
  merge(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string) {
    return this.pullRequests.merge(user, id);
  }
}
