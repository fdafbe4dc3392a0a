import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanStep } from '@patchbay/contracts';
import { approvedSteps, draftFromPlan, dropIndex, isEdited, moveStep, moveStepTo, updateStep } from './plan-draft';

const PLAN: PlanStep[] = [
  { id: 's1', title: 'Read the code', detail: '', files: [] },
  { id: 's2', title: 'Change the greeting', detail: 'in src/app.ts', files: ['src/app.ts'] },
  { id: 's3', title: 'Add a test', detail: '', files: [] },
];

test('reordering moves a step and stops at the ends', () => {
  const draft = draftFromPlan(PLAN);
  assert.deepEqual(moveStep(draft, 2, -1).map((s) => s.id), ['s1', 's3', 's2']);
  assert.deepEqual(moveStep(draft, 0, -1).map((s) => s.id), ['s1', 's2', 's3']);
  assert.deepEqual(moveStep(draft, 2, 1).map((s) => s.id), ['s1', 's2', 's3']);
});

test('an untouched draft approves the plan as proposed; edits are detected', () => {
  const draft = draftFromPlan(PLAN);
  assert.equal(isEdited(PLAN, draft), false);
  assert.equal(isEdited(PLAN, updateStep(draft, 's2', { title: 'Change the greeting to Hello' })), true);
  assert.equal(isEdited(PLAN, moveStep(draft, 1, 1)), true);
  assert.equal(isEdited(PLAN, updateStep(draft, 's1', { dropped: true })), true);
});

test('approved steps leave out dropped ones, keep order, and carry notes', () => {
  let draft = draftFromPlan(PLAN);
  draft = updateStep(draft, 's1', { dropped: true });
  draft = updateStep(draft, 's3', { note: '  keep it small ' });
  draft = moveStep(draft, 2, -1);
  const steps = approvedSteps(draft);
  assert.deepEqual(steps.map((s) => s.id), ['s3', 's2']);
  assert.equal(steps[0]?.note, 'keep it small');
  assert.equal('dropped' in (steps[0] ?? {}), false);
  assert.equal(steps[1]?.note, undefined);
});

test('a dropped step can be restored', () => {
  const draft = updateStep(updateStep(draftFromPlan(PLAN), 's2', { dropped: true }), 's2', { dropped: false });
  assert.equal(approvedSteps(draft).length, 3);
});

test('drag and drop moves a step to any position', () => {
  const draft = draftFromPlan(PLAN);
  assert.deepEqual(moveStepTo(draft, 0, 2).map((s) => s.id), ['s2', 's3', 's1']);
  assert.deepEqual(moveStepTo(draft, 2, 0).map((s) => s.id), ['s3', 's1', 's2']);
  assert.deepEqual(moveStepTo(draft, 1, 5).map((s) => s.id), ['s1', 's2', 's3']);
});

test('the drop index accounts for the dragged step leaving its place', () => {
  // Step 1 dropped after step 3 ends last; before step 3 ends in the middle.
  assert.equal(dropIndex(0, 2, 'after'), 2);
  assert.equal(dropIndex(0, 2, 'before'), 1);
  // Step 3 dropped before step 1 ends first; after step 1 ends second.
  assert.equal(dropIndex(2, 0, 'before'), 0);
  assert.equal(dropIndex(2, 0, 'after'), 1);
  // Dropped onto itself: no move.
  assert.equal(dropIndex(1, 1, 'before'), 1);
  assert.equal(dropIndex(1, 1, 'after'), 1);
});
