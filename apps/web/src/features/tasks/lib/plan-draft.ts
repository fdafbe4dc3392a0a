import type { PlanStep } from '@patchbay/contracts';

/** A step as the reviewer edits it: the proposed step plus whether it was dropped. */
export interface DraftStep extends PlanStep {
  dropped: boolean;
}

export function draftFromPlan(steps: readonly PlanStep[]): DraftStep[] {
  return steps.map((step) => ({ ...step, files: [...step.files], dropped: false }));
}

export function moveStep(steps: readonly DraftStep[], index: number, offset: -1 | 1): DraftStep[] {
  return moveStepTo(steps, index, index + offset);
}

/**
 * Moves the step at `from` so that it lands at index `to` of the result (drag and drop, keyboard
 * reordering). Out-of-range indexes leave the order unchanged.
 */
export function moveStepTo(steps: readonly DraftStep[], from: number, to: number): DraftStep[] {
  if (from < 0 || from >= steps.length || to < 0 || to >= steps.length || from === to) return [...steps];
  const next = [...steps];
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}

/**
 * The index a dragged step ends at when dropped before or after the step at `target`: dropping
 * below a later step, or above an earlier one, puts it exactly there.
 */
export function dropIndex(from: number, target: number, position: 'before' | 'after'): number {
  const slot = position === 'before' ? target : target + 1;
  return slot > from ? slot - 1 : slot;
}

export function updateStep(
  steps: readonly DraftStep[],
  id: string,
  change: Partial<Pick<DraftStep, 'title' | 'detail' | 'note' | 'dropped'>>,
): DraftStep[] {
  return steps.map((step) => (step.id === id ? { ...step, ...change } : step));
}

/** Whether the reviewer changed anything, i.e. whether approval must send the edited steps. */
export function isEdited(original: readonly PlanStep[], draft: readonly DraftStep[]): boolean {
  if (draft.some((step) => step.dropped)) return true;
  if (original.length !== draft.length) return true;
  return draft.some((step, index) => {
    const before = original[index];
    return (
      !before ||
      before.id !== step.id ||
      before.title !== step.title ||
      before.detail !== step.detail ||
      (before.note ?? '') !== (step.note ?? '')
    );
  });
}

/** The steps to approve: kept ones in their new order, without the draft-only flag or empty notes. */
export function approvedSteps(draft: readonly DraftStep[]): PlanStep[] {
  return draft
    .filter((step) => !step.dropped)
    .map(({ dropped: _dropped, note, ...step }) => ({
      ...step,
      title: step.title.trim(),
      ...(note && note.trim() ? { note: note.trim() } : {}),
    }));
}
