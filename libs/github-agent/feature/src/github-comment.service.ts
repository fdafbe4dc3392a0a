import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { GithubCommentRequested } from '@patchbay/contracts';
import type { GithubAppClient } from '@patchbay/github';
import { GITHUB_APP_CLIENT } from './github-agent.tokens';

/**
 * Posts Patchbay's comments on issues and pull requests. A failure throws, so the bus retries
 * with backoff (the client already retried 5xx and waited out rate limits) and finally
 * dead-letters the message; a comment is never worth failing the task over.
 */
@Injectable()
export class GithubCommentService {
  private readonly logger = new Logger(GithubCommentService.name);

  constructor(@Optional() @Inject(GITHUB_APP_CLIENT) private readonly client: GithubAppClient | null) {}

  async post(request: GithubCommentRequested): Promise<void> {
    if (!this.client) {
      this.logger.warn({
        msg: 'GitHub comment dropped: the GitHub App is not configured',
        repository: request.repository,
        thread: request.threadNumber,
      });
      return;
    }
    const api = await this.client.installation(request.installationId);
    if (request.reaction) {
      if (request.reaction.kind === 'review_comment')
        await api.reactToReviewComment(request.repository, request.reaction.commentId, 'eyes');
      else await api.reactToIssueComment(request.repository, request.reaction.commentId, 'eyes');
    }
    await api.commentOnThread(request.repository, request.threadNumber, request.body);
    this.logger.log({
      msg: 'commented on GitHub',
      repository: request.repository,
      thread: request.threadNumber,
      taskId: request.taskId,
    });
  }
}
