import type { PlanStep } from '@patchbay/contracts';
import { approvedSteps, draftFromPlan, dropIndex, isEdited, moveStep, moveStepTo, updateStep } from './plan-draft';

const PLAN: PlanStep[] = [
  { id: 's1', title: 'Read the code', detail: '', files: [] },
  { id: 's2', title: 'Change the greeting', detail: 'in src/app.ts', files: ['src/app.ts'] },
  { id: 's3', title: 'Add a test', detail: '', files: [] },
];

test('reordering moves a step and stops at the ends', () => {
  const draft = draftFromPlan(PLAN);
  expect(moveStep(draft, 2, -1).map((s) => s.id)).toStrictEqual(['s1', 's3', 's2']);
  expect(moveStep(draft, 0, -1).map((s) => s.id)).toStrictEqual(['s1', 's2', 's3']);
  expect(moveStep(draft, 2, 1).map((s) => s.id)).toStrictEqual(['s1', 's2', 's3']);
});

test('an untouched draft approves the plan as proposed; edits are detected', () => {
  const draft = draftFromPlan(PLAN);
  expect(isEdited(PLAN, draft)).toBe(false);
  expect(isEdited(PLAN, updateStep(draft, 's2', { title: 'Change the greeting to Hello' }))).toBe(true);
  expect(isEdited(PLAN, moveStep(draft, 1, 1))).toBe(true);
  expect(isEdited(PLAN, updateStep(draft, 's1', { dropped: true }))).toBe(true);
});

test('approved steps leave out dropped ones, keep order, and carry notes', () => {
  let draft = draftFromPlan(PLAN);
  draft = updateStep(draft, 's1', { dropped: true });
  draft = updateStep(draft, 's3', { note: '  keep it small ' });
  draft = moveStep(draft, 2, -1);
  const steps = approvedSteps(draft);
  expect(steps.map((s) => s.id)).toStrictEqual(['s3', 's2']);
  expect(steps[0]?.note).toBe('keep it small');
  expect('dropped' in (steps[0] ?? {})).toBe(false);
  expect(steps[1]?.note).toBeUndefined();
});

test('a dropped step can be restored', () => {
  const draft = updateStep(updateStep(draftFromPlan(PLAN), 's2', { dropped: true }), 's2', { dropped: false });
  expect(approvedSteps(draft).length).toBe(3);
});

test('drag and drop moves a step to any position', () => {
  const draft = draftFromPlan(PLAN);
  expect(moveStepTo(draft, 0, 2).map((s) => s.id)).toStrictEqual(['s2', 's3', 's1']);
  expect(moveStepTo(draft, 2, 0).map((s) => s.id)).toStrictEqual(['s3', 's1', 's2']);
  expect(moveStepTo(draft, 1, 5).map((s) => s.id)).toStrictEqual(['s1', 's2', 's3']);
});

test('the drop index accounts for the dragged step leaving its place', () => {
  // Step 1 dropped after step 3 ends last; before step 3 ends in the middle.
  expect(dropIndex(0, 2, 'after')).toBe(2);
  expect(dropIndex(0, 2, 'before')).toBe(1);
  // Step 3 dropped before step 1 ends first; after step 1 ends second.
  expect(dropIndex(2, 0, 'before')).toBe(0);
  expect(dropIndex(2, 0, 'after')).toBe(1);
  // Dropped onto itself: no move.
  expect(dropIndex(1, 1, 'before')).toBe(1);
  expect(dropIndex(1, 1, 'after')).toBe(1);
});
