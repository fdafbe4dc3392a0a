import { Inject, Injectable } from '@nestjs/common';
import { ContainerManager, SANDBOX_UID, statusOf } from '../container-manager.service';
import type { SandboxConfig } from '../sandbox-config';
import { SANDBOX_CONFIG } from '../sandbox.tokens';

export const PACKAGE_CACHE_LABELS = {
  volume: 'org.patchbay.package-cache',
  repositoryScope: 'org.patchbay.package-cache.repository-scope',
} as const;

/**
 * One Docker volume per repository, mounted as the package managers' cache in that repository's
 * sandboxes (never in another repository's: the name is derived from the repository). A fresh
 * volume belongs to root; it is handed to the sandbox user once, by a container that runs only
 * `chown` on it.
 */
@Injectable()
export class PackageCacheVolumes {
  private readonly preparing = new Map<string, Promise<string>>();
  private readonly ready = new Set<string>();

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
  ) {}

  static volumeName(repositoryScope: string): string {
    return `patchbay-package-cache-${repositoryScope}`;
  }

  /** The volume of the repository, created and handed to the sandbox user when it is new. */
  ensure(repositoryScope: string, image: string): Promise<string> {
    const name = PackageCacheVolumes.volumeName(repositoryScope);
    let pending = this.preparing.get(name);
    if (!pending) {
      pending = this.prepare(name, repositoryScope, image).finally(() => this.preparing.delete(name));
      this.preparing.set(name, pending);
    }
    return pending;
  }

  private async prepare(name: string, repositoryScope: string, image: string): Promise<string> {
    if (this.ready.has(name)) return name;
    const docker = this.containers.docker;
    try {
      await docker.getVolume(name).inspect();
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      await docker.createVolume({
        Name: name,
        Labels: { [PACKAGE_CACHE_LABELS.volume]: '1', [PACKAGE_CACHE_LABELS.repositoryScope]: repositoryScope },
      });
    }
    // Once per volume and process: chown is idempotent, and a volume created by another instance
    // (or before a restart) may not have been handed over yet.
    const helper = await docker.createContainer({
      Image: image,
      Cmd: ['chown', `${SANDBOX_UID}:${SANDBOX_UID}`, '/cache'],
      User: '0:0',
      NetworkDisabled: true,
      HostConfig: {
        Runtime: this.config.runtime,
        NetworkMode: 'none',
        CapDrop: ['ALL'],
        CapAdd: ['CHOWN'],
        SecurityOpt: ['no-new-privileges'],
        Mounts: [{ Type: 'volume', Source: name, Target: '/cache' }],
      },
    });
    try {
      await helper.start();
      const result = (await helper.wait()) as { StatusCode?: number };
      if (result.StatusCode !== 0)
        throw new Error(`preparing package cache volume ${name} failed (exit ${result.StatusCode})`);
    } finally {
      await helper.remove({ force: true }).catch(() => undefined);
    }
    this.ready.add(name);
    return name;
  }
}
