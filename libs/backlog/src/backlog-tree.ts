import type { BacklogTreeItem } from '@patchbay/contracts';

/** The tree's task as the planner's rules read it (declared with the API shapes it shares fields with). */
export type { BacklogTreeItem } from '@patchbay/contracts';

function childrenByParent<T extends Pick<BacklogTreeItem, 'id' | 'parentId' | 'position'>>(
  items: readonly T[],
): Map<string | null, T[]> {
  const children = new Map<string | null, T[]>();
  const known = new Set(items.map((item) => item.id));
  for (const item of items) {
    // An item whose parent is not in the list is shown at the top rather than lost.
    const parent = item.parentId !== null && known.has(item.parentId) ? item.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => a.position - b.position);
  return children;
}

/** The items in tree order (parents before their children, siblings by position), each with its depth (1 = top level). */
export function walkTree<T extends Pick<BacklogTreeItem, 'id' | 'parentId' | 'position'>>(
  items: readonly T[],
): Array<{ item: T; depth: number }> {
  const children = childrenByParent(items);
  const out: Array<{ item: T; depth: number }> = [];
  const visit = (parent: string | null, depth: number) => {
    for (const item of children.get(parent) ?? []) {
      out.push({ item, depth });
      visit(item.id, depth + 1);
    }
  };
  visit(null, 1);
  return out;
}

/** The items in tree order. */
export function orderTree<T extends Pick<BacklogTreeItem, 'id' | 'parentId' | 'position'>>(items: readonly T[]): T[] {
  return walkTree(items).map(({ item }) => item);
}

/** Whether `id` is `ancestorId` or lies below it. */
export function isWithin(
  items: ReadonlyMap<string, Pick<BacklogTreeItem, 'parentId'>>,
  id: string,
  ancestorId: string,
): boolean {
  const seen = new Set<string>();
  let current: string | null = id;
  while (current !== null && !seen.has(current)) {
    if (current === ancestorId) return true;
    seen.add(current);
    current = items.get(current)?.parentId ?? null;
  }
  return false;
}

/** 1 for a top-level task, 2 for its sub-tasks … ; 0 for the project itself (null). */
export function depthOf(items: ReadonlyMap<string, Pick<BacklogTreeItem, 'parentId'>>, id: string | null): number {
  let depth = 0;
  let current = id;
  while (current !== null && depth <= items.size) {
    depth++;
    current = items.get(current)?.parentId ?? null;
  }
  return depth;
}

/** Levels below `id`, counting itself: 1 for a leaf. */
export function subtreeHeight(items: ReadonlyMap<string, Pick<BacklogTreeItem, 'parentId'>>, id: string): number {
  let height = 1;
  for (const [childId, child] of items) {
    if (child.parentId === id && childId !== id) height = Math.max(height, 1 + subtreeHeight(items, childId));
  }
  return height;
}

/** Leaves are what can be sent to Patchbay as coding tasks. */
export function isLeaf(items: readonly Pick<BacklogTreeItem, 'parentId'>[], id: string): boolean {
  return !items.some((item) => item.parentId === id);
}
