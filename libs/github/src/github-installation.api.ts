import type { Octokit } from '@octokit/core';

export type Guard = <T>(call: () => Promise<T>) => Promise<T>;

export interface RepositoryRef {
  owner: string;
  repo: string;
}

export interface CreatedPullRequest {
  number: number;
  url: string;
  headSha: string;
}

export interface ReviewComment {
  id: number;
  path: string;
  line: number | null;
  body: string;
}

/** Permissions that may start work: the repository's writers, maintainers and admins. */
const TRIGGERING_ROLES = new Set(['admin', 'maintain', 'write']);

export function splitRepository(fullName: string): RepositoryRef {
  const [owner, repo, ...rest] = fullName.split('/');
  if (!owner || !repo || rest.length > 0) throw new Error(`"${fullName}" is not an owner/name repository`);
  return { owner, repo };
}

/** The GitHub REST calls Patchbay makes, typed by what it reads back, as one installation. */
export class GithubInstallationApi {
  constructor(
    private readonly octokit: Octokit,
    private readonly guard: Guard,
  ) {}

  /** Whether `username` may trigger work: write, maintain or admin on the repository. */
  async canTrigger(repository: string, username: string): Promise<boolean> {
    try {
      const { data } = await this.guard(() =>
        this.octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', {
          ...splitRepository(repository),
          username,
        }),
      );
      const role = (data as { role_name?: string }).role_name ?? data.permission;
      return TRIGGERING_ROLES.has(role) || data.permission === 'admin' || data.permission === 'write';
    } catch (error) {
      // Not a collaborator at all: GitHub answers 404.
      if ((error as { status?: number }).status === 404) return false;
      throw error;
    }
  }

  async commentOnThread(repository: string, threadNumber: number, body: string): Promise<number> {
    const { data } = await this.guard(() =>
      this.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...splitRepository(repository),
        issue_number: threadNumber,
        body,
      }),
    );
    return Number(data.id);
  }

  async reactToIssueComment(repository: string, commentId: number, content: 'eyes' | '+1'): Promise<void> {
    await this.guard(() =>
      this.octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
        ...splitRepository(repository),
        comment_id: commentId,
        content,
      }),
    );
  }

  async reactToReviewComment(repository: string, commentId: number, content: 'eyes' | '+1'): Promise<void> {
    await this.guard(() =>
      this.octokit.request('POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions', {
        ...splitRepository(repository),
        comment_id: commentId,
        content,
      }),
    );
  }

  async defaultBranch(repository: string): Promise<string> {
    const { data } = await this.guard(() =>
      this.octokit.request('GET /repos/{owner}/{repo}', { ...splitRepository(repository) }),
    );
    return data.default_branch;
  }

  /**
   * The base branch's required status checks, or null when the branch is unprotected or the
   * app may not read its protection (GitHub answers 404 / 403 then) — informational only.
   */
  async requiredChecks(repository: string, branch: string): Promise<string[] | null> {
    try {
      const { data } = await this.guard(() =>
        this.octokit.request('GET /repos/{owner}/{repo}/branches/{branch}/protection', {
          ...splitRepository(repository),
          branch,
        }),
      );
      return data.required_status_checks?.contexts ?? [];
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 403) return null;
      throw error;
    }
  }

  async createPullRequest(
    repository: string,
    request: { title: string; head: string; base: string; body: string; draft: boolean },
  ): Promise<CreatedPullRequest> {
    const { data } = await this.guard(() =>
      this.octokit.request('POST /repos/{owner}/{repo}/pulls', { ...splitRepository(repository), ...request }),
    );
    return { number: data.number, url: data.html_url, headSha: data.head.sha };
  }

  /** The open pull request whose head is `branch` in the same repository, if there is one. */
  async findOpenPullRequest(repository: string, branch: string): Promise<{ number: number; url: string } | null> {
    const { owner, repo } = splitRepository(repository);
    const { data } = await this.guard(() =>
      this.octokit.request('GET /repos/{owner}/{repo}/pulls', {
        owner,
        repo,
        head: `${owner}:${branch}`,
        state: 'open',
        per_page: 1,
      }),
    );
    const found = data[0];
    return found ? { number: found.number, url: found.html_url } : null;
  }

  async pullRequest(
    repository: string,
    number: number,
  ): Promise<{
    headBranch: string;
    headSha: string;
    baseBranch: string;
    title: string;
    body: string;
    authorLogin: string | null;
  }> {
    const { data } = await this.guard(() =>
      this.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
        ...splitRepository(repository),
        pull_number: number,
      }),
    );
    return {
      headBranch: data.head.ref,
      headSha: data.head.sha,
      baseBranch: data.base.ref,
      title: data.title,
      body: data.body ?? '',
      authorLogin: data.user?.login ?? null,
    };
  }

  /** The pull request's diff as GitHub renders it (`application/vnd.github.diff`). */
  async pullRequestDiff(repository: string, number: number): Promise<string> {
    const response = await this.guard(() =>
      this.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
        ...splitRepository(repository),
        pull_number: number,
        mediaType: { format: 'diff' },
      }),
    );
    return String(response.data);
  }

  async reviewComments(repository: string, pullNumber: number, reviewId: number): Promise<ReviewComment[]> {
    const { data } = await this.guard(() =>
      this.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments', {
        ...splitRepository(repository),
        pull_number: pullNumber,
        review_id: reviewId,
        per_page: 100,
      }),
    );
    return data.map((comment) => ({
      id: Number(comment.id),
      path: comment.path,
      line: (comment as { line?: number | null }).line ?? null,
      body: comment.body,
    }));
  }

  async replyToReviewComment(repository: string, pullNumber: number, commentId: number, body: string): Promise<void> {
    await this.guard(() =>
      this.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies', {
        ...splitRepository(repository),
        pull_number: pullNumber,
        comment_id: commentId,
        body,
      }),
    );
  }
}
