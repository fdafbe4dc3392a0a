import type { BacklogDiffRow } from '@patchbay/contracts';
import { walkTree, type BacklogTreeItem } from './backlog-tree';

const COMPARED_FIELDS = ['title', 'description', 'acceptanceCriteria', 'status'] as const;

function changedFields(before: BacklogTreeItem, after: BacklogTreeItem): string[] {
  const fields: string[] = COMPARED_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
  if (before.parentId !== after.parentId) fields.push('parent');
  return fields;
}

/**
 * A patch's effect as one tree: the tree after it, with each task marked added, changed or
 * unchanged, and the removed tasks shown where they were. Added tasks are named by their tempId
 * (`createdIds` maps tempIds to the ids the application gave them), so a preview made with
 * throwaway ids reads the same as the patch.
 */
export function backlogTreeDiff(
  before: readonly BacklogTreeItem[],
  after: readonly BacklogTreeItem[],
  createdIds: Record<string, string> = {},
): BacklogDiffRow[] {
  const previous = new Map(before.map((item) => [item.id, item]));
  const next = new Map(after.map((item) => [item.id, item]));
  const tempIdOf = new Map(Object.entries(createdIds).map(([tempId, id]) => [id, tempId]));
  const removed = before.filter((item) => !next.has(item.id));
  const merged = [...after, ...removed];
  return walkTree(merged).map(({ item, depth }) => {
    const old = previous.get(item.id);
    const change = !next.has(item.id)
      ? 'removed'
      : !old
        ? 'added'
        : changedFields(old, item).length
          ? 'changed'
          : 'unchanged';
    const fields = change === 'changed' && old ? changedFields(old, item) : [];
    return {
      id: tempIdOf.get(item.id) ?? item.id,
      depth,
      change,
      title: item.title,
      description: item.description,
      acceptanceCriteria: item.acceptanceCriteria,
      status: item.status,
      changedFields: fields,
      ...(old && fields.includes('title') ? { previousTitle: old.title } : {}),
    };
  });
}
