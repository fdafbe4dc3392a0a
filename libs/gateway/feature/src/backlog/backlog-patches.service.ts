import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { BacklogMode, BacklogPatch, BacklogPatchPreviewView } from '@patchbay/contracts';
import { applyBacklogPatch, backlogTreeDiff } from '@patchbay/backlog';
import { BacklogRepository, type BacklogProjectEntity, type BacklogVersionItem } from '@patchbay/persistence';
import type { EntityManager } from 'typeorm';
import { BacklogStaleVersionException } from './backlog-exceptions';

export interface PatchScope {
  mode: BacklogMode;
  /** Task mode: the task being decomposed. */
  itemId: string | null;
}

/**
 * Checks and applies patches to a project's tree with @patchbay/backlog's rules. Applying holds
 * the project's row lock (taken by the caller's transaction), so the version checked is the
 * version replaced.
 */
@Injectable()
export class BacklogPatchesService {
  constructor(private readonly backlog: BacklogRepository) {}

  /** The patch against the tree as it is: valid or not (with every problem), and its rows as a diff. */
  preview(
    project: Pick<BacklogProjectEntity, 'version'>,
    tree: readonly BacklogVersionItem[],
    patch: BacklogPatch,
    scope: PatchScope,
  ): BacklogPatchPreviewView {
    const outcome = applyBacklogPatch(tree, patch, {
      currentVersion: project.version,
      mode: scope.mode,
      focusItemId: scope.itemId,
    });
    if (!outcome.ok) return { valid: false, problems: outcome.problems, rows: [], currentVersion: project.version };
    return {
      valid: true,
      problems: [],
      rows: backlogTreeDiff(tree, outcome.items, outcome.createdIds),
      currentVersion: project.version,
    };
  }

  /** Applies a patch to the locked project, recording the version; returns the new version number. */
  async apply(
    manager: EntityManager,
    project: BacklogProjectEntity,
    patch: BacklogPatch,
    scope: PatchScope,
    accepted: { by: string; proposalId: string | null },
  ): Promise<number> {
    const tree = await this.backlog.tree(project.id, manager);
    const outcome = applyBacklogPatch(tree, patch, {
      currentVersion: project.version,
      mode: scope.mode,
      focusItemId: scope.itemId,
    });
    if (!outcome.ok) {
      if (outcome.stale) throw new BacklogStaleVersionException(patch.baseVersion, project.version);
      throw new UnprocessableEntityException(`The patch cannot be applied: ${outcome.problems.join('; ')}`);
    }
    const version = project.version + 1;
    await this.backlog.writeVersion(manager, project, {
      projectId: project.id,
      version,
      patch,
      proposalId: accepted.proposalId,
      acceptedBy: accepted.by,
      items: outcome.items,
    });
    return version;
  }
}
