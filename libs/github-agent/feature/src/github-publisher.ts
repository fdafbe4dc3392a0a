import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AgentFailure } from '@patchbay/agent-runtime';
import type { GithubTaskLink, PublishChangesCommand, PublishResult } from '@patchbay/contracts';
import { gitAuthEnv, type GithubAppClient, type GithubInstallationApi } from '@patchbay/github';
import { git, GitCommandError } from '@patchbay/local-forge';

/** The bot identity commits are made as; the triggering user is credited as co-author. */
const BOT_AUTHOR = { name: 'patchbay[bot]', email: 'patchbay[bot]@users.noreply.github.com' };

export type GithubPublishCommand = PublishChangesCommand & { github: GithubTaskLink };

/** `Co-authored-by` for a GitHub user: the id-based noreply address GitHub attributes reliably. */
export function coAuthorTrailer(user: GithubTaskLink['triggeredBy']): string {
  return `Co-authored-by: ${user.login} <${user.id}+${user.login}@users.noreply.github.com>`;
}

function taskMarker(taskId: string): string {
  return `Patchbay task ${taskId}`;
}

/**
 * Publishing to GitHub. The installation token reaches git only through per-command environment
 * (gitAuthEnv): it is never in a remote URL, a config file, a commit or a log line, and it never
 * enters the sandbox — the sandbox worked on a mirror and handed back a diff. Pushes are plain
 * fast-forwards to a `patchbay/` branch: never a force-push, never the base branch.
 */
export class GithubPublisher {
  constructor(private readonly client: GithubAppClient) {}

  async publish(command: GithubPublishCommand, message: string): Promise<PublishResult> {
    const { github } = command;
    // A follow-up's base is its pull request's (patchbay/) branch; anything else is a new branch off the base.
    const ownBranch =
      command.branch.startsWith('patchbay/') &&
      (github.followUp ? command.branch === github.followUp.branch : command.branch !== command.baseBranch);
    if (!ownBranch) {
      throw new AgentFailure(
        'security',
        `refusing to push to ${command.branch}: Patchbay only pushes to its own patchbay/ branches, never to a base branch`,
      );
    }
    const api = await this.client.installation(github.installationId);
    const token = await this.client.installationToken(github.installationId);
    const auth = gitAuthEnv(token);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'patchbay-github-'));
    try {
      await git(dir, ['init', '--quiet']);
      await git(dir, ['remote', 'add', 'origin', this.client.cloneUrl(github.repository)]);
      const pushed = await this.commitAndPush(dir, command, message, auth);
      if (github.followUp) {
        await this.answerReviewComments(api, github, pushed.headSha);
        return {
          branch: command.branch,
          headSha: pushed.headSha,
          filesChanged: pushed.filesChanged,
          pullRequestNumber: github.followUp.pullRequestNumber,
          url: null,
        };
      }
      const pullRequest =
        (await api.findOpenPullRequest(github.repository, command.branch)) ??
        (await this.openPullRequest(api, command));
      return {
        branch: command.branch,
        headSha: pushed.headSha,
        filesChanged: pushed.filesChanged,
        pullRequestNumber: pullRequest.number,
        url: pullRequest.url,
      };
    } catch (error) {
      if (error instanceof GitCommandError)
        throw new AgentFailure(
          'transient',
          `git ${error.args[0] ?? ''} against GitHub failed: ${error.stderr.trim().split('\n').slice(-2).join(' ')}`,
        );
      throw error;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Applies the diff on the right parent and pushes; a replay finds its own commit and stops there. */
  private async commitAndPush(
    dir: string,
    command: GithubPublishCommand,
    message: string,
    auth: Record<string, string>,
  ): Promise<{ headSha: string; filesChanged: string[] }> {
    const remoteHead =
      (await git(dir, ['ls-remote', '--heads', 'origin', `refs/heads/${command.branch}`], undefined, auth)).split(
        /\s/,
      )[0] || null;
    if (remoteHead) {
      await git(dir, ['fetch', '--quiet', 'origin', `refs/heads/${command.branch}`], undefined, auth);
      const headMessage = await git(dir, ['log', '-1', '--format=%B', 'FETCH_HEAD']);
      if (headMessage.includes(taskMarker(command.taskId))) {
        const filesChanged = (await git(dir, ['diff-tree', '--no-commit-id', '--name-only', '-r', 'FETCH_HEAD']))
          .split('\n')
          .filter(Boolean);
        return { headSha: remoteHead, filesChanged };
      }
      if (!command.github.followUp)
        throw new AgentFailure(
          'user_correctable',
          `branch ${command.branch} already exists on GitHub; publishing never overwrites a branch`,
        );
    } else if (command.github.followUp) {
      throw new AgentFailure(
        'user_correctable',
        `the pull request branch ${command.branch} no longer exists on GitHub`,
      );
    }
    // A follow-up commits on top of the pull request's head; a new change on top of the base commit.
    if (!command.github.followUp)
      await git(dir, ['fetch', '--quiet', 'origin', `refs/heads/${command.baseBranch}`], undefined, auth);
    await git(dir, [
      'checkout',
      '--quiet',
      '-b',
      'publish',
      command.github.followUp ? 'FETCH_HEAD' : command.baseCommit,
    ]).catch(() => {
      throw new AgentFailure(
        'user_correctable',
        `the base commit ${command.baseCommit.slice(0, 12)} is no longer on ${command.baseBranch}`,
      );
    });
    try {
      await git(
        dir,
        ['apply', '--index', '--whitespace=nowarn', '-'],
        command.diff.endsWith('\n') ? command.diff : `${command.diff}\n`,
      );
    } catch (error) {
      throw new AgentFailure(
        'user_correctable',
        `the diff no longer applies to ${command.branch}: ${(error as GitCommandError).stderr.trim()}`,
      );
    }
    const filesChanged = (await git(dir, ['diff', '--cached', '--name-only'])).split('\n').filter(Boolean);
    if (filesChanged.length === 0) throw new AgentFailure('user_correctable', 'the diff changes nothing');
    await git(
      dir,
      [
        '-c',
        `user.name=${BOT_AUTHOR.name}`,
        '-c',
        `user.email=${BOT_AUTHOR.email}`,
        'commit',
        '--quiet',
        '--no-verify',
        '-F',
        '-',
      ],
      message,
    );
    const headSha = (await git(dir, ['rev-parse', 'HEAD'])).trim();
    // No `+`, no --force: GitHub refuses anything but a new ref or a fast-forward.
    await git(dir, ['push', '--quiet', 'origin', `HEAD:refs/heads/${command.branch}`], undefined, auth);
    return { headSha, filesChanged };
  }

  private async openPullRequest(
    api: GithubInstallationApi,
    command: GithubPublishCommand,
  ): Promise<{ number: number; url: string }> {
    const requiredChecks = await api.requiredChecks(command.github.repository, command.baseBranch);
    const protection =
      requiredChecks === null
        ? `_${command.baseBranch} has no branch protection Patchbay can read._`
        : `Required checks on \`${command.baseBranch}\`: ${requiredChecks.length > 0 ? requiredChecks.map((check) => `\`${check}\``).join(', ') : 'none'}.`;
    const created = await api.createPullRequest(command.github.repository, {
      title: command.title,
      head: command.branch,
      base: command.baseBranch,
      draft: command.draft,
      body: `${command.body}\n\n${protection}\n\n<sub>${taskMarker(command.taskId)}</sub>`,
    });
    return created;
  }

  private async answerReviewComments(
    api: GithubInstallationApi,
    github: GithubTaskLink,
    headSha: string,
  ): Promise<void> {
    if (!github.followUp) return;
    for (const commentId of github.reviewCommentIds) {
      await api.replyToReviewComment(
        github.repository,
        github.followUp.pullRequestNumber,
        commentId,
        `Addressed in ${headSha.slice(0, 12)}.`,
      );
    }
  }
}
