import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
import { githubCommentRequestedSchema, MessagePatterns } from '@patchbay/contracts';
import { GithubCommentService } from './github-comment.service';

/** Where requests for a comment on a GitHub thread arrive (from the gateway's GithubTaskNotifier). */
@Controller()
export class GithubCommentController {
  private readonly logger = new Logger(GithubCommentController.name);

  constructor(private readonly comments: GithubCommentService) {}

  @EventPattern(MessagePatterns.GithubCommentRequested)
  async onComment(@Payload() payload: unknown): Promise<void> {
    const request = acceptMessage(githubCommentRequestedSchema, payload, this.logger, 'GitHub comment request');
    if (!request) return;
    await this.comments.post(request);
  }
}
