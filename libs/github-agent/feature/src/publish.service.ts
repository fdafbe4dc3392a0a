import { Inject, Injectable } from '@nestjs/common';
import { AgentFailure } from '@patchbay/agent-runtime';
import type { PublishChangesCommand, PublishResult } from '@patchbay/contracts';
import { ForgeConflictError, LocalForge } from '@patchbay/local-forge';
import { describeFindings, scanDiff } from '@patchbay/secret-scan';
import { commitMessage } from './commit-message';
import { GITHUB_PUBLISHER } from './github-agent.tokens';
import type { GithubPublisher } from './github-publisher';

/**
 * Publishing: one commit of the approved diff, on GitHub (with a pull request) for tasks that came
 * from GitHub, otherwise on a new branch of the local forge's bare repository. The diff is
 * scanned for secrets again here, the last step before a commit exists.
 */
@Injectable()
export class PublishService {
  constructor(
    private readonly forge: LocalForge,
    /** Null when the GitHub App is not configured: GitHub tasks are then refused, local ones still publish. */
    @Inject(GITHUB_PUBLISHER) private readonly github: GithubPublisher | null,
  ) {}

  async publish(command: PublishChangesCommand, signal: AbortSignal): Promise<PublishResult> {
    const findings = await scanDiff(command.diff);
    if (findings.length > 0) throw new AgentFailure('security', `refusing to commit: ${describeFindings(findings)}`);
    // The last moment a cancellation can keep a branch and pull request from existing.
    signal.throwIfAborted();
    if (command.github) {
      if (!this.github)
        throw new AgentFailure(
          'user_correctable',
          'this task came from GitHub but the GitHub App is not configured on the github agent (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_WEBHOOK_SECRET)',
        );
      return this.github.publish({ ...command, github: command.github }, commitMessage(command));
    }
    const existing = await this.forge.branchHead(command.barePath, command.branch);
    if (existing) {
      // A replayed request after the push succeeded: report what is there instead of pushing again.
      return { branch: command.branch, headSha: existing, filesChanged: [], pullRequestNumber: null, url: null };
    }
    try {
      const { headSha, filesChanged } = await this.forge.publish({
        barePath: command.barePath,
        baseCommit: command.baseCommit,
        branch: command.branch,
        diff: command.diff,
        message: commitMessage(command),
        author: { name: 'Patchbay', email: 'patchbay@localhost' },
      });
      return { branch: command.branch, headSha, filesChanged, pullRequestNumber: null, url: null };
    } catch (error) {
      if (error instanceof ForgeConflictError) throw new AgentFailure('user_correctable', error.message);
      throw error;
    }
  }
}
