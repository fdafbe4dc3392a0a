import { Injectable } from '@nestjs/common';
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { ContainerManager, statusOf } from '../container-manager.service';

/** Labels on warm-environment images and on the never-started containers used to build and read them. */
export const WARM_ENV_LABELS = {
  image: 'org.patchbay.warm-env',
  key: 'org.patchbay.warm-env.key',
  repositoryScope: 'org.patchbay.warm-env.repository-scope',
  createdAt: 'org.patchbay.warm-env.created-at',
  bytes: 'org.patchbay.warm-env.bytes',
  helper: 'org.patchbay.warm-env.helper',
} as const;

/** Every warm environment is a tag of this repository: `patchbay/warm-env:<key>`. */
export const WARM_ENV_REPOSITORY = 'patchbay/warm-env';
/** Where the snapshot's files sit in the image; the archive members start with this directory. */
export const WARM_ENV_DIRECTORY = 'patchbay-warm';

export interface WarmEnvironmentImage {
  imageId: string;
  /** null for an image whose tag a newer snapshot of the same key took over. */
  key: string | null;
  createdAt: Date;
  bytes: number;
}

export interface SnapshotLabels {
  key: string;
  repositoryScope: string;
  bytes: number;
}

/**
 * Warm environments as Docker images. A sandbox's workspace is a tmpfs inside gVisor, which
 * `docker commit` of the sandbox would not see; so the files come out of the sandbox as a tar
 * stream, are put into a container that is created from the sandbox image and never started,
 * and that container is committed. Nothing of the sandbox's own configuration (its env, its
 * labels) reaches the image: the container is created with none.
 */
@Injectable()
export class WarmEnvironmentImages {
  constructor(private readonly containers: ContainerManager) {}

  private get docker(): Docker {
    return this.containers.docker;
  }

  async imageId(reference: string): Promise<string> {
    const info = await this.docker.getImage(reference).inspect();
    return info.Id;
  }

  /** The image of a key, or null when there is none. */
  async find(key: string): Promise<WarmEnvironmentImage | null> {
    try {
      const info = await this.docker.getImage(`${WARM_ENV_REPOSITORY}:${key}`).inspect();
      const labels = info.Config.Labels ?? {};
      // A tag is only a name: the key inside the image is what the snapshot was taken for.
      if (labels[WARM_ENV_LABELS.key] !== key) return null;
      return toWarmImage(info.Id, labels, key);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /**
   * Stores `archive` (members under `patchbay-warm/`) as the image of `labels.key`. `accept` is
   * asked after the archive was read whole and before anything is committed: a snapshot that must
   * not be kept (the producer failed, a secret was seen) leaves no image behind.
   */
  async save(
    baseImage: string,
    archive: Readable,
    labels: () => SnapshotLabels,
    accept: () => Promise<boolean>,
  ): Promise<string | null> {
    const container = await this.docker.createContainer({
      Image: baseImage,
      Cmd: ['true'],
      Labels: { [WARM_ENV_LABELS.helper]: '1', [WARM_ENV_LABELS.createdAt]: new Date().toISOString() },
      NetworkDisabled: true,
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      await container.putArchive(archive, { path: '/' });
      if (!(await accept())) return null;
      const final = labels();
      const result = (await container.commit({
        repo: WARM_ENV_REPOSITORY,
        tag: final.key,
        comment: 'patchbay warm environment (ADR 0033)',
        changes: [
          `LABEL ${WARM_ENV_LABELS.image}=1`,
          `LABEL ${WARM_ENV_LABELS.key}=${final.key}`,
          `LABEL ${WARM_ENV_LABELS.repositoryScope}=${final.repositoryScope}`,
          `LABEL ${WARM_ENV_LABELS.createdAt}=${new Date().toISOString()}`,
          `LABEL ${WARM_ENV_LABELS.bytes}=${final.bytes}`,
        ],
      })) as { Id?: string };
      return result.Id ?? null;
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
  }

  /**
   * The snapshot's files as a tar stream (members under `patchbay-warm/`). The container that reads
   * them holds the image, so an eviction meanwhile fails (409) instead of pulling it away.
   */
  async open(imageId: string): Promise<{ archive: Readable; close: () => Promise<void> }> {
    const container = await this.docker.createContainer({
      Image: imageId,
      Cmd: ['true'],
      Labels: { [WARM_ENV_LABELS.helper]: '1', [WARM_ENV_LABELS.createdAt]: new Date().toISOString() },
      NetworkDisabled: true,
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      const archive = (await container.getArchive({ path: `/${WARM_ENV_DIRECTORY}` })) as Readable;
      return { archive, close: () => container.remove({ force: true }).catch(() => undefined) };
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      throw error;
    }
  }

  async list(): Promise<WarmEnvironmentImage[]> {
    const images = await this.docker.listImages({ filters: { label: [`${WARM_ENV_LABELS.image}=1`] } });
    return images.map((image) => {
      const tag = (image.RepoTags ?? []).find((name) => name.startsWith(`${WARM_ENV_REPOSITORY}:`));
      return toWarmImage(image.Id, image.Labels ?? {}, tag ? tag.slice(WARM_ENV_REPOSITORY.length + 1) : null);
    });
  }

  /** Removes the image; false when a container still uses it (a restore in progress). */
  async remove(image: WarmEnvironmentImage): Promise<boolean> {
    try {
      // By tag when it has one: removing by id would fail for an image that also has another tag.
      await this.docker.getImage(image.key ? `${WARM_ENV_REPOSITORY}:${image.key}` : image.imageId).remove({});
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return true;
      if (status === 409) return false;
      throw error;
    }
  }

  /** Build/read containers left by a process that died mid-way; never started, so removing them is always safe. */
  async removeHelpersOlderThan(cutoff: Date): Promise<number> {
    const helpers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${WARM_ENV_LABELS.helper}=1`] },
    });
    let removed = 0;
    for (const helper of helpers) {
      const createdAt = Date.parse(helper.Labels?.[WARM_ENV_LABELS.createdAt] ?? '');
      if (!Number.isNaN(createdAt) && createdAt >= cutoff.getTime()) continue;
      await this.docker
        .getContainer(helper.Id)
        .remove({ force: true })
        .then(() => removed++)
        .catch(() => undefined);
    }
    return removed;
  }
}

function toWarmImage(imageId: string, labels: Record<string, string>, key: string | null): WarmEnvironmentImage {
  const createdAt = Date.parse(labels[WARM_ENV_LABELS.createdAt] ?? '');
  const bytes = Number(labels[WARM_ENV_LABELS.bytes] ?? '0');
  return {
    imageId,
    key,
    createdAt: new Date(Number.isNaN(createdAt) ? 0 : createdAt),
    bytes: Number.isFinite(bytes) ? bytes : 0,
  };
}
