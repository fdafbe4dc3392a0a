import { Controller, Inject, Logger, Optional } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
import { githubCommentRequestedSchema, MessagePatterns } from '@patchbay/contracts';
import type { GithubAppClient } from '@patchbay/github';
import { GITHUB_APP_CLIENT } from './github-agent.tokens';

/**
 * Posts Patchbay's comments on issues and pull requests. A failure throws, so the bus retries
 * with backoff (the client already retried 5xx and waited out rate limits) and finally
 * dead-letters the message; a comment is never worth failing the task over.
 */
@Controller()
export class GithubCommentController {
  private readonly logger = new Logger(GithubCommentController.name);

  constructor(@Optional() @Inject(GITHUB_APP_CLIENT) private readonly client: GithubAppClient | null) {}

  @EventPattern(MessagePatterns.GithubCommentRequested)
  async onComment(@Payload() payload: unknown): Promise<void> {
    const request = acceptMessage(githubCommentRequestedSchema, payload, this.logger, 'GitHub comment request');
    if (!request) return;
    if (!this.client) {
      this.logger.warn({ msg: 'GitHub comment dropped: the GitHub App is not configured', repository: request.repository, thread: request.threadNumber });
      return;
    }
    const api = await this.client.installation(request.installationId);
    if (request.reaction) {
      if (request.reaction.kind === 'review_comment') await api.reactToReviewComment(request.repository, request.reaction.commentId, 'eyes');
      else await api.reactToIssueComment(request.repository, request.reaction.commentId, 'eyes');
    }
    await api.commentOnThread(request.repository, request.threadNumber, request.body);
    this.logger.log({ msg: 'commented on GitHub', repository: request.repository, thread: request.threadNumber, taskId: request.taskId });
  }
}
