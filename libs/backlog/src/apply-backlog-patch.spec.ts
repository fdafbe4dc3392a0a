import { backlogPatchSchema, type BacklogPatchInput } from '@patchbay/contracts';
import { applyBacklogPatch, type BacklogPatchContext } from './apply-backlog-patch';
import type { BacklogTreeItem } from './backlog-tree';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const UNKNOWN = '00000000-0000-4000-8000-0000000000ff';

function item(id: string, parentId: string | null, title: string, position = 0): BacklogTreeItem {
  return { id, parentId, title, description: '', acceptanceCriteria: [], status: 'todo', position, taskId: null };
}

/** A tree of version 3: A with child C, and B. */
const TREE = [item(A, null, 'Auth API', 0), item(B, null, 'Login page', 1), item(C, A, 'Token endpoint', 0)];
const PROJECT: BacklogPatchContext = { currentVersion: 3, mode: 'project' };

function patch(operations: BacklogPatchInput['operations'], baseVersion = 3) {
  return backlogPatchSchema.parse({ baseVersion, operations });
}

let counter = 0;
const ids = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function problemsOf(outcome: ReturnType<typeof applyBacklogPatch>): string[] {
  if (outcome.ok) throw new Error('expected the patch to be refused');
  return outcome.problems;
}

describe('applyBacklogPatch', () => {
  it('creates tasks under new and existing parents, by tempId, and reports their ids', () => {
    const outcome = applyBacklogPatch(
      TREE,
      patch([
        { op: 'create', tempId: 't1', parent: null, title: 'Docs', acceptanceCriteria: ['README explains setup'] },
        { op: 'create', tempId: 't2', parent: 't1', title: 'API reference' },
        { op: 'create', tempId: 't3', parent: A, title: 'Refresh tokens' },
      ]),
      PROJECT,
      ids,
    );
    if (!outcome.ok) throw new Error(outcome.problems.join('; '));
    const byTitle = new Map(outcome.items.map((entry) => [entry.title, entry]));
    expect(byTitle.get('API reference')?.parentId).toBe(outcome.createdIds['t1']);
    expect(byTitle.get('Refresh tokens')).toMatchObject({ parentId: A, position: 1, status: 'todo' });
    expect(byTitle.get('Docs')).toMatchObject({ position: 2, acceptanceCriteria: ['README explains setup'] });
    // Tree order: parents first, siblings by position.
    expect(outcome.items.map((entry) => entry.title)).toEqual([
      'Auth API',
      'Token endpoint',
      'Refresh tokens',
      'Login page',
      'Docs',
      'API reference',
    ]);
    // The input is left as it was.
    expect(TREE).toHaveLength(3);
  });

  it('merges two tasks: update one, move the other’s sub-task, delete it', () => {
    const outcome = applyBacklogPatch(
      TREE,
      patch([
        { op: 'update', id: B, title: 'Auth API and login page' },
        { op: 'update', id: C, parent: B },
        { op: 'delete', id: A },
      ]),
      PROJECT,
      ids,
    );
    if (!outcome.ok) throw new Error(outcome.problems.join('; '));
    expect(outcome.items.map((entry) => [entry.title, entry.parentId])).toEqual([
      ['Auth API and login page', null],
      ['Token endpoint', B],
    ]);
  });

  it('refuses a patch against another version than the current one, as stale', () => {
    const outcome = applyBacklogPatch(TREE, patch([{ op: 'delete', id: B }], 2), PROJECT);
    expect(outcome).toEqual({
      ok: false,
      stale: true,
      problems: ['the patch was made against version 2, but the project is at version 3'],
    });
  });

  it('allows at most six top-level tasks in project mode', () => {
    const creates = ['1', '2', '3', '4', '5'].map((n) => ({
      op: 'create' as const,
      tempId: `t${n}`,
      parent: null,
      title: `Milestone ${n}`,
    }));
    expect(problemsOf(applyBacklogPatch(TREE, patch(creates), PROJECT))).toEqual([
      'project mode allows at most 6 top-level tasks; after this patch there would be 7',
    ]);
    expect(applyBacklogPatch(TREE, patch(creates.slice(0, 4)), PROJECT).ok).toBe(true);
    // Task mode is not bound by the top-level rule (it cannot add top-level tasks at all).
    expect(applyBacklogPatch(TREE, patch(creates.slice(0, 1)), { ...PROJECT, mode: 'task', focusItemId: A }).ok).toBe(
      false,
    );
  });

  it('refuses deleting a task that still has sub-tasks, and a task sent to Patchbay', () => {
    expect(problemsOf(applyBacklogPatch(TREE, patch([{ op: 'delete', id: A }]), PROJECT))).toEqual([
      `operations[0] (delete ${A}): "Auth API" still has 1 sub-task; delete or move them in earlier operations first`,
    ]);
    // Deleting the child first makes it a leaf.
    expect(
      applyBacklogPatch(
        TREE,
        patch([
          { op: 'delete', id: C },
          { op: 'delete', id: A },
        ]),
        PROJECT,
      ).ok,
    ).toBe(true);
    const linked = TREE.map((entry) => (entry.id === B ? { ...entry, taskId: UNKNOWN } : entry));
    expect(problemsOf(applyBacklogPatch(linked, patch([{ op: 'delete', id: B }]), PROJECT))).toEqual([
      `operations[0] (delete ${B}): "Login page" was sent to Patchbay as a coding task and cannot be deleted`,
    ]);
  });

  it('refuses cycles, unknown ids, unknown parents, reused tempIds and empty updates, naming each operation', () => {
    const problems = problemsOf(
      applyBacklogPatch(
        TREE,
        patch([
          { op: 'update', id: A, parent: C },
          { op: 'update', id: UNKNOWN, title: 'Ghost' },
          { op: 'create', tempId: 't1', parent: 'nope', title: 'Orphan' },
          { op: 'create', tempId: 't2', parent: null, title: 'One' },
          { op: 'create', tempId: 't2', parent: null, title: 'Two' },
          { op: 'update', id: B },
          { op: 'delete', id: C },
          { op: 'update', id: C, title: 'Gone' },
        ]),
        PROJECT,
      ),
    );
    expect(problems).toEqual([
      `operations[0] (update ${A}): moving "Auth API" under "Token endpoint" would make it its own ancestor`,
      `operations[1] (update ${UNKNOWN}): no task has this id (or an earlier operation of this patch deleted it)`,
      'operations[2] (create "t1"): parent "nope" is neither an existing task nor a tempId created earlier in this patch',
      'operations[4] (create "t2"): tempId "t2" is already used in this patch',
      `operations[5] (update ${B}): the update changes nothing; give at least one field`,
      `operations[7] (update ${C}): no task has this id (or an earlier operation of this patch deleted it)`,
    ]);
  });

  it('keeps task mode inside the task being decomposed', () => {
    const taskMode: BacklogPatchContext = { currentVersion: 3, mode: 'task', focusItemId: A };
    const ok = applyBacklogPatch(
      TREE,
      patch([
        { op: 'create', tempId: 's1', parent: A, title: 'Hash passwords' },
        { op: 'create', tempId: 's2', parent: 's1', title: 'Pick bcrypt cost' },
        { op: 'update', id: C, acceptanceCriteria: ['returns a JWT'] },
        { op: 'update', id: A, description: 'The API behind the login page' },
      ]),
      taskMode,
      ids,
    );
    expect(ok.ok).toBe(true);
    expect(
      problemsOf(
        applyBacklogPatch(
          TREE,
          patch([
            { op: 'create', tempId: 's1', parent: B, title: 'Elsewhere' },
            { op: 'update', id: B, title: 'Renamed' },
            { op: 'delete', id: A },
            { op: 'update', id: C, parent: null },
          ]),
          taskMode,
        ),
      ),
    ).toEqual([
      'operations[0] (create "s1"): in task mode new tasks go under the task being decomposed ("Auth API") or its sub-tasks',
      `operations[1] (update ${B}): in task mode only the task being decomposed ("Auth API") or its sub-tasks may change`,
      `operations[2] (delete ${A}): in task mode only the sub-tasks of "Auth API" may be deleted`,
      `operations[3] (update ${C}): in task mode tasks move only within the task being decomposed ("Auth API") or its sub-tasks`,
    ]);
    expect(
      problemsOf(applyBacklogPatch(TREE, patch([{ op: 'delete', id: C }]), { ...taskMode, focusItemId: UNKNOWN })),
    ).toEqual(['the task being decomposed no longer exists']);
  });

  it('limits nesting depth', () => {
    const chain = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'].map((tempId, index, all) => ({
      op: 'create' as const,
      tempId,
      parent: index === 0 ? null : all[index - 1],
      title: tempId,
    }));
    expect(applyBacklogPatch([], patch(chain, 0), { currentVersion: 0, mode: 'project' }).ok).toBe(true);
    expect(
      problemsOf(
        applyBacklogPatch([], patch([...chain, { op: 'create', tempId: 'd7', parent: 'd6', title: 'too deep' }], 0), {
          currentVersion: 0,
          mode: 'project',
        }),
      ),
    ).toEqual(['operations[6] (create "d7"): tasks nest at most 6 levels deep']);
  });
});

describe('the patch schema', () => {
  it('refuses over-long fields, unknown operations and stray keys with the path of each', () => {
    const result = backlogPatchSchema.safeParse({
      baseVersion: 0,
      operations: [
        { op: 'create', tempId: 't1', parent: null, title: 'x'.repeat(201) },
        { op: 'rename', id: A },
        { op: 'update', id: A, parentId: B },
        { op: 'create', tempId: '1bad', parent: null, title: 'ok' },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['operations.0.title', 'operations.1.op', 'operations.2', 'operations.3.tempId']),
    );
  });
});
