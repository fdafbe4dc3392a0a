import { backlogPatchSchema } from '@patchbay/contracts';
import { applyBacklogPatch } from './apply-backlog-patch';
import { backlogTreeDiff } from './backlog-tree-diff';
import type { BacklogTreeItem } from './backlog-tree';
import { isLeaf } from './backlog-tree';
import { leafTaskPrompt } from './leaf-task-prompt';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

function item(id: string, parentId: string | null, title: string, position = 0): BacklogTreeItem {
  return { id, parentId, title, description: '', acceptanceCriteria: [], status: 'todo', position, taskId: null };
}

describe('backlogTreeDiff', () => {
  it('marks added, changed, moved and removed tasks in tree order, naming added ones by tempId', () => {
    const before = [item(A, null, 'Auth API', 0), item(B, null, 'Login page', 1), item(C, A, 'Token endpoint', 0)];
    const outcome = applyBacklogPatch(
      before,
      backlogPatchSchema.parse({
        baseVersion: 1,
        operations: [
          { op: 'update', id: B, title: 'Login' },
          { op: 'update', id: C, parent: B },
          { op: 'delete', id: A },
          { op: 'create', tempId: 'docs', parent: null, title: 'Docs' },
        ],
      }),
      { currentVersion: 1, mode: 'project' },
    );
    if (!outcome.ok) throw new Error(outcome.problems.join('; '));
    const rows = backlogTreeDiff(before, outcome.items, outcome.createdIds);
    expect(rows.map((row) => [row.id, row.depth, row.change, row.changedFields, row.previousTitle])).toEqual([
      // Removed where it was: first, as before.
      [A, 1, 'removed', [], undefined],
      [B, 1, 'changed', ['title'], 'Login page'],
      [C, 2, 'changed', ['parent'], undefined],
      ['docs', 1, 'added', [], undefined],
    ]);
  });

  it('shows an unchanged tree as unchanged rows', () => {
    const tree = [item(A, null, 'Auth API')];
    expect(backlogTreeDiff(tree, tree)).toEqual([
      expect.objectContaining({ id: A, change: 'unchanged', depth: 1, changedFields: [] }),
    ]);
  });
});

describe('leaves and their coding-task prompt', () => {
  it('a leaf has no children; its prompt carries title, description and acceptance criteria', () => {
    const tree = [item(A, null, 'Auth API'), item(C, A, 'Token endpoint')];
    expect(isLeaf(tree, A)).toBe(false);
    expect(isLeaf(tree, C)).toBe(true);
    expect(
      leafTaskPrompt({
        title: 'Token endpoint',
        description: 'POST /token returns a JWT.',
        acceptanceCriteria: ['401 on a bad password', 'the token expires in 1h'],
      }),
    ).toBe(
      'Token endpoint\n\nPOST /token returns a JWT.\n\nAcceptance criteria:\n- 401 on a bad password\n- the token expires in 1h',
    );
  });
});
