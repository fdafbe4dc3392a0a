import type { PlanStep } from '@patchbay/contracts';

/** A step as the reviewer edits it: the proposed step plus whether it was dropped. */
export interface DraftStep extends PlanStep {
  dropped: boolean;
}

export function draftFromPlan(steps: readonly PlanStep[]): DraftStep[] {
  return steps.map((step) => ({ ...step, files: [...step.files], dropped: false }));
}

export function moveStep(steps: readonly DraftStep[], index: number, offset: -1 | 1): DraftStep[] {
  const target = index + offset;
  if (index < 0 || index >= steps.length || target < 0 || target >= steps.length) return [...steps];
  const next = [...steps];
  const [moved] = next.splice(index, 1);
  if (moved) next.splice(target, 0, moved);
  return next;
}

export function updateStep(steps: readonly DraftStep[], id: string, change: Partial<Pick<DraftStep, 'title' | 'detail' | 'note' | 'dropped'>>): DraftStep[] {
  return steps.map((step) => (step.id === id ? { ...step, ...change } : step));
}

/** Whether the reviewer changed anything, i.e. whether approval must send the edited steps. */
export function isEdited(original: readonly PlanStep[], draft: readonly DraftStep[]): boolean {
  if (draft.some((step) => step.dropped)) return true;
  if (original.length !== draft.length) return true;
  return draft.some((step, index) => {
    const before = original[index];
    return !before || before.id !== step.id || before.title !== step.title || before.detail !== step.detail || (before.note ?? '') !== (step.note ?? '');
  });
}

/** The steps to approve: kept ones in their new order, without the draft-only flag or empty notes. */
export function approvedSteps(draft: readonly DraftStep[]): PlanStep[] {
  return draft
    .filter((step) => !step.dropped)
    .map(({ dropped: _dropped, note, ...step }) => ({ ...step, title: step.title.trim(), ...(note && note.trim() ? { note: note.trim() } : {}) }));
}
