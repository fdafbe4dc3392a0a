import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AwaitingReviewView } from '@patchbay/contracts';
import { Access } from '../common/access.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { AwaitingReviewService } from './awaiting-review.service';

@ApiTags('tasks')
@Controller('reviews')
export class AwaitingReviewController {
  constructor(private readonly awaitingReview: AwaitingReviewService) {}

  @Get('awaiting-me')
  @Access('viewer')
  @ApiOperation({ summary: 'Tasks whose plan or diff awaits an approval the caller may give (four-eyes rule applied)' })
  awaitingMe(@CurrentUser() user: SessionUser): Promise<AwaitingReviewView> {
    return this.awaitingReview.forUser(user);
  }
}
