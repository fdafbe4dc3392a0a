import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TaskReviewRecord } from '@patchbay/contracts';
import { decisionOn, describeShownPlan, shownPlan } from './plan-versions';

const step = (id: string, title: string) => ({ id, title, detail: '', files: [] });
const record: TaskReviewRecord = {
  plans: [
    { version: 1, summary: 'Greet', steps: [step('s1', 'Read'), step('s2', 'Fix')], targetTests: [], contentHash: 'a'.repeat(64), editedBy: null, createdAt: '2026-12-05T10:00:00.000Z' },
    { version: 2, summary: 'Greet', steps: [step('s2', 'Fix the greeting')], targetTests: [], contentHash: 'b'.repeat(64), editedBy: { id: 'u1', login: 'alice' }, createdAt: '2026-12-05T10:05:00.000Z' },
  ],
  approvals: [
    { id: 'a1', subject: 'plan', decision: 'approved', planVersion: 2, contentHash: 'b'.repeat(64), feedback: null, comments: [], decidedBy: { id: 'u1', login: 'alice' }, decidedAt: '2026-12-05T10:05:00.000Z' },
  ],
};

test('after an approval with edits the shown plan is the edited version, not the planner’s original', () => {
  const shown = shownPlan(record, { summary: 'Greet', steps: [step('s1', 'Read'), step('s2', 'Fix')], targetTests: [] });
  assert.deepEqual(shown?.plan.steps.map((s) => s.title), ['Fix the greeting']);
  assert.equal(shown?.version, 2);
  assert.equal(describeShownPlan(shown!), 'Version 2 · edited by alice · approved by alice');
});

test('before the record loads the plan of the event is shown, unversioned', () => {
  const shown = shownPlan(undefined, { summary: 'S', steps: [step('s1', 'Read')], targetTests: [] });
  assert.equal(shown?.version, null);
  assert.equal(describeShownPlan(shown!), 'Proposed by the planner');
  assert.equal(shownPlan(undefined, null), null);
});

test('a version nobody decided on has no decision; an automatic approval is named as such', () => {
  assert.equal(decisionOn(record, 1), null);
  const auto: TaskReviewRecord = { plans: [record.plans[0]!], approvals: [{ ...record.approvals[0]!, planVersion: 1, decidedBy: null }] };
  assert.equal(describeShownPlan(shownPlan(auto, null)!), 'Version 1 · proposed by the planner · approved by automatic approval');
});
