import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { gitAuthEnv, type GithubAppClient } from '@patchbay/github';
import { git } from '@patchbay/local-forge';
import { RepositoryRepository, type RepositoryEntity } from '@patchbay/persistence';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { forgeRepositoryPath } from '../repositories/forge-path';
import { GITHUB_APP } from './github-app.token';

/**
 * A bare mirror of each GitHub repository in the local forge's place on disk. Sandboxes clone the
 * mirror, so the installation token is used only here, by git on the host, per command — it never
 * enters a sandbox where the repository's own (untrusted) code runs.
 */
@Injectable()
export class GithubMirrorService {
  /** One git operation per mirror at a time: two triggers at once would fight over ref locks. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    @Inject(GITHUB_APP) private readonly github: GithubAppClient | null,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly repositories: RepositoryRepository,
  ) {}

  /** The mirror's place in the forge, made of ids like every forge copy (never of the repository's name). */
  mirrorPath(repository: Pick<RepositoryEntity, 'organisationId' | 'id'>): string {
    return forgeRepositoryPath(this.config.DATA_DIR, repository.organisationId, repository.id);
  }

  /** Brings the mirror up to date with GitHub (cloning it the first time). */
  async refresh(repository: RepositoryEntity, installationId: number): Promise<void> {
    const target = this.mirrorPath(repository);
    const previous = this.inFlight.get(target) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.sync(repository, installationId, target));
    this.inFlight.set(target, next);
    try {
      await next;
    } finally {
      if (this.inFlight.get(target) === next) this.inFlight.delete(target);
    }
    // A row recorded before mirrors were placed by id still names the old place; sandboxes clone
    // whatever clone_url says, so it must name the copy just refreshed.
    if (repository.cloneUrl !== target) {
      await this.repositories.setCloneUrl(repository.id, target);
      repository.cloneUrl = target;
    }
  }

  private async sync(repository: RepositoryEntity, installationId: number, target: string): Promise<void> {
    if (!this.github) throw new Error('the GitHub App is not configured');
    const auth = gitAuthEnv(await this.github.installationToken(installationId));
    const url = this.github.cloneUrl(repository.fullName);
    if (!(await stat(target).catch(() => null))) {
      await mkdir(path.dirname(target), { recursive: true });
      await git(path.dirname(target), ['clone', '--bare', '--quiet', '--', url, target], undefined, auth);
      return;
    }
    // The mirror's own refs follow GitHub's exactly (forced, pruned): nothing but Patchbay writes here.
    await git(target, ['fetch', '--quiet', '--prune', url, '+refs/heads/*:refs/heads/*'], undefined, auth);
  }
}
