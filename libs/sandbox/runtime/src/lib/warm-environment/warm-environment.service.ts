import { Inject, Injectable, Logger } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import type { CreateSandboxCommand, WarmEnvironmentOutcome } from '@patchbay/contracts';
import { ContainerManager, messageOf } from '../container-manager.service';
import type { SandboxConfig } from '../sandbox-config';
import { imageRef } from '../sandbox-container-spec';
import type { SandboxRecord } from '../sandbox-record';
import { SANDBOX_CONFIG } from '../sandbox.tokens';
import { PACKAGE_CACHE_MOUNT, packageCacheEnv } from './package-cache-env';
import { PackageCacheVolumes } from './package-cache-volumes';
import { SecretScan } from './secret-scan-stream';
import { selectSnapshotPaths } from './snapshot-paths';
import { WARM_ENV_DIRECTORY, WarmEnvironmentImages } from './warm-environment-images';
import { keyManifests, parseSha256sum, repositoryScope, warmEnvironmentKey } from './warm-environment-key';

/** Which repository a sandbox belongs to, for a sandbox created with `reuseDependencies`. */
export interface DependencyReuse {
  repository: string;
  repositoryScope: string;
}

/** What a create adds to the container for dependency reuse. */
export interface DependencyReuseMounts {
  reuse: DependencyReuse | null;
  mounts: Array<{ volume: string; target: string }>;
  env: Record<string, string>;
}

export interface WarmKey {
  key: string;
  manifests: string[];
}

/** Moving a snapshot in or out of a sandbox; generous, it is hundreds of MB through gVisor at worst. */
const TRANSFER_TIMEOUT_MS = 10 * 60_000;

/**
 * Warm environments (ADR 0033): after a successful install the workspace's installed dependencies
 * are snapshotted as an image keyed by repository, sandbox image, install commands and manifest
 * contents; a later sandbox with the same key gets them restored instead of installing. Plus the
 * per-repository package cache for installs that do run.
 */
@Injectable()
export class WarmEnvironmentService {
  private readonly logger = new Logger(WarmEnvironmentService.name);
  /** Keys being saved by this process: a second save of the same key at once would only repeat it. */
  private readonly saving = new Set<string>();
  /** When each key was last restored or saved by this process, for least-recently-used eviction. */
  readonly lastUsed = new Map<string, number>();

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
    private readonly images: WarmEnvironmentImages,
    private readonly caches: PackageCacheVolumes,
  ) {}

  /** The repository identity, cache volume and cache env for a create; nothing unless asked for and useful. */
  async forCreate(command: CreateSandboxCommand): Promise<DependencyReuseMounts> {
    const none: DependencyReuseMounts = { reuse: null, mounts: [], env: {} };
    if (!command.reuseDependencies || !command.source || command.network !== 'registries') return none;
    const repository =
      command.source.kind === 'local-bare' ? `local-bare:${command.source.path}` : `git-url:${command.source.url}`;
    const reuse = { repository, repositoryScope: repositoryScope(repository) };
    if (!this.config.packageCache.enabled) return { ...none, reuse };
    const volume = await this.caches.ensure(reuse.repositoryScope, imageRef(this.config, command.image));
    return { reuse, mounts: [{ volume, target: PACKAGE_CACHE_MOUNT }], env: packageCacheEnv() };
  }

  enabledFor(record: SandboxRecord): boolean {
    return this.config.warmEnvironments.enabled && record.dependencyReuse !== null;
  }

  /** The key of this workspace's install: read from the manifests as they are now, after the clone. */
  async keyFor(record: SandboxRecord, rootFiles: string[], commands: string[]): Promise<WarmKey> {
    const reuse = record.dependencyReuse;
    if (!reuse) throw new Error(`sandbox ${record.id} was not created for dependency reuse`);
    const manifests = keyManifests(rootFiles);
    const hashes =
      manifests.length === 0
        ? new Map<string, string>()
        : parseSha256sum(
            (await this.run(record, ['sha256sum', '--', ...manifests], 'hashing the manifests')).toString('utf8'),
          );
    const imageId = await this.images.imageId(imageRef(this.config, record.image));
    return {
      key: warmEnvironmentKey({ repository: reuse.repository, imageId, commands, manifestHashes: hashes }),
      manifests,
    };
  }

  /**
   * Restores the key's snapshot into the workspace; null when there is none (or it could not be
   * used, in which case the workspace is back to the clean checkout and the install runs).
   */
  async restore(record: SandboxRecord, warm: WarmKey): Promise<WarmEnvironmentOutcome | null> {
    const image = await this.images.find(warm.key);
    if (!image) return null;
    const started = performance.now();
    let opened: Awaited<ReturnType<WarmEnvironmentImages['open']>> | null = null;
    try {
      opened = await this.images.open(image.imageId);
      const handle = await this.containers.exec(record.containerId, {
        cmd: ['tar', '-x', '-p', '-f', '-', '-C', '/workspace', '--strip-components=1'],
        interactive: true,
      });
      const stdin = handle.stdin;
      if (!stdin) throw new Error('the extracting command has no stdin');
      const archive = opened.archive;
      // An extraction that stops early closes its stdin; the write error must not take the process down.
      stdin.on('error', () => undefined);
      archive.pipe(stdin);
      archive.once('error', () => stdin.end());
      const exitCode = await withTimeout(handle.done, TRANSFER_TIMEOUT_MS, () => handle.abort());
      if (exitCode !== 0) throw new Error(`extracting the snapshot exited with ${exitCode}`);
      this.lastUsed.set(warm.key, Date.now());
      return {
        outcome: 'restored',
        key: warm.key,
        manifests: warm.manifests,
        bytes: image.bytes,
        durationMs: Math.round(performance.now() - started),
        reason: null,
      };
    } catch (error) {
      this.logger.warn(`warm environment ${warm.key.slice(0, 12)} not restored into ${record.id}: ${messageOf(error)}`);
      // Back to exactly the checkout, so the install starts from what it would have without a snapshot.
      await this.run(record, ['git', '-C', '/workspace', 'clean', '-ffdxq'], 'cleaning the workspace');
      await this.run(record, ['git', '-C', '/workspace', 'checkout', '-q', '--', '.'], 'resetting the workspace');
      return null;
    } finally {
      await opened?.close();
    }
  }

  /** Snapshots what the install left in the workspace under the key. Never throws: a failed save only costs the next task time. */
  async save(record: SandboxRecord, warm: WarmKey): Promise<WarmEnvironmentOutcome> {
    const started = performance.now();
    const outcome = (result: WarmEnvironmentOutcome['outcome'], bytes: number | null, reason: string | null) => ({
      outcome: result,
      key: warm.key,
      manifests: warm.manifests,
      bytes,
      durationMs: Math.round(performance.now() - started),
      reason,
    });
    if (this.saving.has(warm.key)) return outcome('not_saved', null, 'another sandbox is saving the same key');
    this.saving.add(warm.key);
    try {
      const status = await this.run(
        record,
        ['git', '-C', '/workspace', 'status', '--porcelain=v1', '-z', '--ignored', '--untracked-files=normal'],
        'reading the workspace status',
      );
      const selection = selectSnapshotPaths(status.toString('utf8'), warm.manifests);
      if ('unsafe' in selection) return outcome('not_saved', null, selection.unsafe);
      if (selection.paths.length === 0) return outcome('not_saved', null, 'the install left nothing in the workspace');

      const scan = new SecretScan(Object.values(record.env));
      const archive = new PassThrough();
      let bytes = 0;
      const handle = await this.containers.exec(record.containerId, {
        // The members go under patchbay-warm/ (symlink targets untouched), the directory the image keeps them in.
        cmd: [
          'tar',
          '-c',
          '-f',
          '-',
          '-C',
          '/workspace',
          `--transform=s,^,${WARM_ENV_DIRECTORY}/,rSh`,
          '--',
          ...selection.paths,
        ],
        onStdout: (chunk) => {
          bytes += chunk.length;
          scan.push(chunk);
          archive.write(chunk);
        },
      });
      const produced = withTimeout(handle.done, TRANSFER_TIMEOUT_MS, () => handle.abort()).finally(() => archive.end());
      let refusal: string | null = null;
      const imageId = await this.images
        .save(
          imageRef(this.config, record.image),
          archive,
          () => ({ key: warm.key, repositoryScope: record.dependencyReuse?.repositoryScope ?? '', bytes }),
          async () => {
            const exitCode = await produced;
            if (exitCode !== 0) refusal = `archiving the workspace exited with ${exitCode}`;
            else if (scan.found)
              refusal = 'a value of the sandbox environment appears in the installed files; not kept (a secret)';
            return refusal === null;
          },
        )
        .catch((error: unknown) => {
          // The engine refused the archive: the command producing it has nobody reading any more.
          handle.abort();
          throw error;
        });
      if (!imageId) return outcome('not_saved', null, refusal ?? 'the image was not committed');
      this.lastUsed.set(warm.key, Date.now());
      return outcome('saved', bytes, null);
    } catch (error) {
      this.logger.warn(`warm environment ${warm.key.slice(0, 12)} not saved from ${record.id}: ${messageOf(error)}`);
      return outcome('not_saved', null, messageOf(error));
    } finally {
      this.saving.delete(warm.key);
    }
  }

  private async run(record: SandboxRecord, cmd: string[], what: string): Promise<Buffer> {
    const result = await this.containers.run(record.containerId, cmd);
    if (result.exitCode !== 0)
      throw new Error(`${what} failed (exit ${result.exitCode}): ${result.stderr.toString('utf8').slice(-500)}`);
    return result.stdout;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve(null);
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
