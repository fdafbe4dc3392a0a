import type { BacklogItemView } from '@patchbay/contracts';

export interface TreeRow {
  item: BacklogItemView;
  depth: number;
  hasChildren: boolean;
}

/**
 * The tree as rows to show, parents before children (the API's order), each with its depth;
 * the sub-tasks of a collapsed task are left out.
 */
export function visibleTreeRows(items: readonly BacklogItemView[], collapsed: ReadonlySet<string>): TreeRow[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const parents = new Set(items.map((item) => item.parentId).filter((id): id is string => id !== null));
  const depthOf = (item: BacklogItemView): number => {
    let depth = 1;
    let parent = item.parentId ? byId.get(item.parentId) : undefined;
    while (parent && depth <= items.length) {
      depth++;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
    return depth;
  };
  const hidden = (item: BacklogItemView): boolean => {
    let parent = item.parentId ? byId.get(item.parentId) : undefined;
    while (parent) {
      if (collapsed.has(parent.id)) return true;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
    return false;
  };
  return items
    .filter((item) => !hidden(item))
    .map((item) => ({ item, depth: depthOf(item), hasChildren: parents.has(item.id) }));
}
