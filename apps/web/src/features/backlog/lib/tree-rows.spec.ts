import type { BacklogItemView } from '@patchbay/contracts';
import { visibleTreeRows } from './tree-rows';

function item(id: string, parentId: string | null): BacklogItemView {
  return { id, parentId, title: id, description: '', acceptanceCriteria: [], status: 'todo', position: 0, task: null };
}

const TREE = [item('a', null), item('a1', 'a'), item('a1x', 'a1'), item('b', null)];

describe('visibleTreeRows', () => {
  it('gives each task its depth and says which have sub-tasks', () => {
    expect(visibleTreeRows(TREE, new Set()).map((row) => [row.item.id, row.depth, row.hasChildren])).toEqual([
      ['a', 1, true],
      ['a1', 2, true],
      ['a1x', 3, false],
      ['b', 1, false],
    ]);
  });

  it('hides everything below a collapsed task', () => {
    expect(visibleTreeRows(TREE, new Set(['a'])).map((row) => row.item.id)).toEqual(['a', 'b']);
    expect(visibleTreeRows(TREE, new Set(['a1'])).map((row) => row.item.id)).toEqual(['a', 'a1', 'b']);
  });
});
