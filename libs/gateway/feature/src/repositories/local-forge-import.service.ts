import { execFile } from 'node:child_process';
import { mkdtemp, rm, rmdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { redactText } from '@patchbay/observability';
import { DEMO_ENABLED, demoSourceRoot } from '../demo/demo-source';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { forgeRepositoryPath } from './forge-path';
import { cloneInvocation, headBranchInvocation, type GitInvocation } from './import-git-command';
import { ImportSourceNotAllowedException } from './import-source-not-allowed.exception';
import { ImportSourcePolicy } from './import-source-policy';

const run = promisify(execFile);
const IMPORT_TIMEOUT_MS = 120_000;

/**
 * Copies a repository into the local forge as a bare repository that sandboxes clone from, at
 * a path made of the organisation's and the repository's ids. The source is untrusted input:
 * ImportSourcePolicy decides what may be read, git runs with an empty environment and one
 * transport, and every refusal or failure is the same 422 with the reason in the server log.
 */
@Injectable()
export class LocalForgeImportService {
  private readonly logger = new Logger(LocalForgeImportService.name);
  private readonly policy: ImportSourcePolicy;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(DEMO_ENABLED) demoEnabled: boolean,
  ) {
    this.policy = new ImportSourcePolicy({
      roots: config.FORGE_IMPORT_ROOTS,
      trustedRoots: demoEnabled ? [demoSourceRoot(config.DATA_DIR)] : [],
      protectedDirs: [path.resolve(config.DATA_DIR)],
      allowSsh: config.FORGE_IMPORT_ALLOW_SSH,
      allowPrivateHosts: config.FORGE_IMPORT_ALLOW_PRIVATE_HOSTS,
    });
  }

  forgePath(organisationId: string, repositoryId: string): string {
    return forgeRepositoryPath(this.config.DATA_DIR, organisationId, repositoryId);
  }

  /** Imports `importFrom` as the copy of a repository that is about to be created with `repositoryId`. */
  async importRepository(
    organisationId: string,
    repositoryId: string,
    importFrom: string,
  ): Promise<{ cloneUrl: string; defaultBranch: string }> {
    const target = this.forgePath(organisationId, repositoryId);
    // git gets a HOME of its own: nothing in the service account's home is read or written.
    const home = await mkdtemp(path.join(os.tmpdir(), 'patchbay-import-'));
    try {
      const source = await this.policy.decide(importFrom);
      await runGit(cloneInvocation(source, target, home));
      const head = await runGit(headBranchInvocation(target, home)).catch(() => '');
      return { cloneUrl: target, defaultBranch: head.trim() || 'main' };
    } catch (error) {
      await this.remove(organisationId, repositoryId);
      this.logger.warn({
        msg: 'repository import refused',
        organisationId,
        repositoryId,
        importFrom: redactText(importFrom),
        reason: redactText(reasonOf(error)),
      });
      throw new ImportSourceNotAllowedException();
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }

  /**
   * Removes a repository's copy, and its organisation's directory when that is left empty, so a
   * failed registration leaves nothing behind. (An import starting in the same organisation at
   * that instant may find the directory gone and fail with the usual 422; retrying succeeds.)
   */
  async remove(organisationId: string, repositoryId: string): Promise<void> {
    const target = this.forgePath(organisationId, repositoryId);
    await rm(target, { recursive: true, force: true });
    await rmdir(path.dirname(target)).catch(() => undefined);
  }
}

async function runGit(invocation: GitInvocation): Promise<string> {
  return (
    await run('git', invocation.args, { env: invocation.env, timeout: IMPORT_TIMEOUT_MS, maxBuffer: 1024 * 1024 })
  ).stdout;
}

/** The policy's reason, or git's last lines of stderr. */
function reasonOf(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  if (typeof stderr === 'string' && stderr.trim()) return `git: ${stderr.trim().split('\n').slice(-3).join(' ')}`;
  return error instanceof Error ? error.message : String(error);
}
