import { randomUUID } from 'node:crypto';
import { BACKLOG_LIMITS, type BacklogMode, type BacklogOperation, type BacklogPatch } from '@patchbay/contracts';
import { depthOf, isWithin, orderTree, subtreeHeight, type BacklogTreeItem } from './backlog-tree';

/** What a patch is checked against: the project's version now, and the conversation's mode. */
export interface BacklogPatchContext {
  currentVersion: number;
  mode: BacklogMode;
  /** Task mode: the task being decomposed; every operation stays inside its subtree. */
  focusItemId?: string | null;
}

export type BacklogPatchOutcome =
  | {
      ok: true;
      /** The tree the patch leads to, in tree order. */
      items: BacklogTreeItem[];
      /** The id each create operation's tempId received. */
      createdIds: Record<string, string>;
    }
  | {
      ok: false;
      /** The patch was made against another version than the current one; nothing else was checked. */
      stale: boolean;
      problems: string[];
    };

function describe(op: BacklogOperation, index: number): string {
  return `operations[${index}] (${op.op} ${op.op === 'create' ? `"${op.tempId}"` : op.id})`;
}

/**
 * Checks a patch against a tree and, when every rule holds, produces the next tree. Operations
 * apply in order to a working copy, so a later operation sees what earlier ones did (a create's
 * tempId becomes a parent; a delete must come after its sub-tasks are deleted or moved). Every
 * problem is collected, each naming its operation, so a model (or a person) can fix all at once.
 */
export function applyBacklogPatch(
  items: readonly BacklogTreeItem[],
  patch: BacklogPatch,
  context: BacklogPatchContext,
  newId: () => string = randomUUID,
): BacklogPatchOutcome {
  if (patch.baseVersion !== context.currentVersion)
    return {
      ok: false,
      stale: true,
      problems: [
        `the patch was made against version ${patch.baseVersion}, but the project is at version ${context.currentVersion}`,
      ],
    };
  const work = new Map(items.map((item) => [item.id, { ...item, acceptanceCriteria: [...item.acceptanceCriteria] }]));
  const temp = new Map<string, string>();
  const problems: string[] = [];
  const focus = context.mode === 'task' ? (context.focusItemId ?? null) : null;
  if (context.mode === 'task' && (focus === null || !work.has(focus)))
    return { ok: false, stale: false, problems: ['the task being decomposed no longer exists'] };

  /** undefined: refers to nothing. */
  const resolve = (ref: string | null): string | null | undefined =>
    ref === null ? null : (temp.get(ref) ?? (work.has(ref) ? ref : undefined));
  const nextPosition = (parentId: string | null) =>
    Math.max(-1, ...[...work.values()].filter((item) => item.parentId === parentId).map((item) => item.position)) + 1;
  const inFocus = (id: string | null) => focus === null || (id !== null && isWithin(work, id, focus));
  const titleOf = (id: string) => `"${work.get(id)?.title ?? id}"`;
  const focusRule = focus ? `the task being decomposed (${titleOf(focus)}) or its sub-tasks` : '';

  patch.operations.forEach((op, index) => {
    const at = describe(op, index);
    if (op.op === 'create') {
      if (temp.has(op.tempId) || work.has(op.tempId)) {
        problems.push(`${at}: tempId "${op.tempId}" is already used in this patch`);
        return;
      }
      const parentId = resolve(op.parent);
      if (parentId === undefined) {
        problems.push(
          `${at}: parent "${op.parent}" is neither an existing task nor a tempId created earlier in this patch`,
        );
        return;
      }
      if (!inFocus(parentId)) {
        problems.push(`${at}: in task mode new tasks go under ${focusRule}`);
        return;
      }
      if (depthOf(work, parentId) + 1 > BACKLOG_LIMITS.depth) {
        problems.push(`${at}: tasks nest at most ${BACKLOG_LIMITS.depth} levels deep`);
        return;
      }
      const id = newId();
      temp.set(op.tempId, id);
      work.set(id, {
        id,
        parentId,
        title: op.title,
        description: op.description,
        acceptanceCriteria: [...op.acceptanceCriteria],
        status: op.status,
        position: nextPosition(parentId),
        taskId: null,
      });
      return;
    }
    const item = work.get(op.id);
    if (!item) {
      problems.push(`${at}: no task has this id (or an earlier operation of this patch deleted it)`);
      return;
    }
    if (op.op === 'update') {
      const { op: _op, id: _id, parent, ...fields } = op;
      if (parent === undefined && Object.values(fields).every((value) => value === undefined)) {
        problems.push(`${at}: the update changes nothing; give at least one field`);
        return;
      }
      if (!inFocus(op.id)) {
        problems.push(`${at}: in task mode only ${focusRule} may change`);
        return;
      }
      if (parent !== undefined) {
        const parentId = resolve(parent);
        if (parentId === undefined) {
          problems.push(
            `${at}: parent "${parent}" is neither an existing task nor a tempId created earlier in this patch`,
          );
          return;
        }
        if (parentId !== item.parentId) {
          if (op.id === focus) {
            problems.push(`${at}: the task being decomposed cannot move in task mode`);
            return;
          }
          if (parentId !== null && isWithin(work, parentId, op.id)) {
            problems.push(`${at}: moving ${titleOf(op.id)} under ${titleOf(parentId)} would make it its own ancestor`);
            return;
          }
          if (!inFocus(parentId)) {
            problems.push(`${at}: in task mode tasks move only within ${focusRule}`);
            return;
          }
          if (depthOf(work, parentId) + subtreeHeight(work, op.id) > BACKLOG_LIMITS.depth) {
            problems.push(`${at}: after the move tasks would nest more than ${BACKLOG_LIMITS.depth} levels deep`);
            return;
          }
          item.parentId = parentId;
          item.position = nextPosition(parentId);
        }
      }
      if (fields.title !== undefined) item.title = fields.title;
      if (fields.description !== undefined) item.description = fields.description;
      if (fields.acceptanceCriteria !== undefined) item.acceptanceCriteria = [...fields.acceptanceCriteria];
      if (fields.status !== undefined) item.status = fields.status;
      return;
    }
    if (focus !== null && (op.id === focus || !isWithin(work, op.id, focus))) {
      problems.push(`${at}: in task mode only the sub-tasks of ${titleOf(focus)} may be deleted`);
      return;
    }
    const children = [...work.values()].filter((child) => child.parentId === op.id).length;
    if (children > 0) {
      problems.push(
        `${at}: ${titleOf(op.id)} still has ${children} sub-task${children === 1 ? '' : 's'}; delete or move them in earlier operations first`,
      );
      return;
    }
    if (item.taskId !== null) {
      problems.push(`${at}: ${titleOf(op.id)} was sent to Patchbay as a coding task and cannot be deleted`);
      return;
    }
    work.delete(op.id);
  });

  if (context.mode === 'project') {
    const topLevel = [...work.values()].filter((item) => item.parentId === null).length;
    if (topLevel > BACKLOG_LIMITS.topLevelTasks)
      problems.push(
        `project mode allows at most ${BACKLOG_LIMITS.topLevelTasks} top-level tasks; after this patch there would be ${topLevel}`,
      );
  }
  if (work.size > BACKLOG_LIMITS.itemsPerProject)
    problems.push(
      `a project holds at most ${BACKLOG_LIMITS.itemsPerProject} tasks; after this patch there would be ${work.size}`,
    );
  if (problems.length > 0) return { ok: false, stale: false, problems };
  return { ok: true, items: orderTree([...work.values()]), createdIds: Object.fromEntries(temp) };
}
