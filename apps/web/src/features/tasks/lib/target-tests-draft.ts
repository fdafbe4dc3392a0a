import type { TargetTest } from '@patchbay/contracts';

/** A target test as the reviewer edits it: free text, with a key that survives edits for React. */
export interface DraftTargetTest {
  key: string;
  name: string;
  file: string;
}

let nextKey = 0;

function draftKey(): string {
  nextKey += 1;
  return `target-${nextKey}`;
}

export function draftFromTargetTests(tests: readonly TargetTest[]): DraftTargetTest[] {
  return tests.map((test) => ({ key: draftKey(), name: test.name, file: test.file ?? '' }));
}

export function addTargetTest(draft: readonly DraftTargetTest[]): DraftTargetTest[] {
  return [...draft, { key: draftKey(), name: '', file: '' }];
}

export function updateTargetTest(
  draft: readonly DraftTargetTest[],
  key: string,
  change: Partial<Pick<DraftTargetTest, 'name' | 'file'>>,
): DraftTargetTest[] {
  return draft.map((test) => (test.key === key ? { ...test, ...change } : test));
}

export function removeTargetTest(draft: readonly DraftTargetTest[], key: string): DraftTargetTest[] {
  return draft.filter((test) => test.key !== key);
}

/** The target tests to approve: trimmed, rows without a name left out, an empty file meaning "any file". */
export function approvedTargetTests(draft: readonly DraftTargetTest[]): TargetTest[] {
  return draft
    .map((test) => ({ name: test.name.trim(), file: test.file.trim() }))
    .filter((test) => test.name !== '')
    .map((test) => (test.file ? { name: test.name, file: test.file } : { name: test.name }));
}

/** Whether approving must send the target tests, i.e. whether they differ from the proposed ones. */
export function targetTestsEdited(original: readonly TargetTest[], draft: readonly DraftTargetTest[]): boolean {
  const approved = approvedTargetTests(draft);
  return (
    approved.length !== original.length ||
    approved.some(
      (test, index) => test.name !== original[index]?.name || (test.file ?? '') !== (original[index]?.file ?? ''),
    )
  );
}
