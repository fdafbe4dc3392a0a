import type { TaskReviewRecord } from '@patchbay/contracts';
import { decisionOn, describeShownPlan, shownPlan } from './plan-versions';

const step = (id: string, title: string) => ({ id, title, detail: '', files: [] });
const record: TaskReviewRecord = {
  plans: [
    {
      version: 1,
      summary: 'Greet',
      steps: [step('s1', 'Read'), step('s2', 'Fix')],
      targetTests: [],
      contentHash: 'a'.repeat(64),
      editedBy: null,
      createdAt: '2026-12-05T10:00:00.000Z',
    },
    {
      version: 2,
      summary: 'Greet',
      steps: [step('s2', 'Fix the greeting')],
      targetTests: [],
      contentHash: 'b'.repeat(64),
      editedBy: { id: 'u1', login: 'alice' },
      createdAt: '2026-12-05T10:05:00.000Z',
    },
  ],
  approvals: [
    {
      id: 'a1',
      subject: 'plan',
      decision: 'approved',
      planVersion: 2,
      contentHash: 'b'.repeat(64),
      feedback: null,
      comments: [],
      acknowledgedOutOfPlan: [],
      decidedBy: { id: 'u1', login: 'alice' },
      decidedAt: '2026-12-05T10:05:00.000Z',
    },
  ],
};

test('after an approval with edits the shown plan is the edited version, not the planner’s original', () => {
  const shown = shownPlan(record, {
    summary: 'Greet',
    steps: [step('s1', 'Read'), step('s2', 'Fix')],
    targetTests: [],
  });
  expect(shown?.plan.steps.map((s) => s.title)).toStrictEqual(['Fix the greeting']);
  expect(shown?.version).toBe(2);
  expect(describeShownPlan(shown!)).toBe('Version 2 · edited by alice · approved by alice');
});

test('before the record loads the plan of the event is shown, unversioned', () => {
  const shown = shownPlan(undefined, { summary: 'S', steps: [step('s1', 'Read')], targetTests: [] });
  expect(shown?.version).toBeNull();
  expect(describeShownPlan(shown!)).toBe('Proposed by the planner');
  expect(shownPlan(undefined, null)).toBeNull();
});

test('a version nobody decided on has no decision; an automatic approval is named as such', () => {
  expect(decisionOn(record, 1)).toBeNull();
  const auto: TaskReviewRecord = {
    plans: [record.plans[0]],
    approvals: [{ ...record.approvals[0], planVersion: 1, decidedBy: null }],
  };
  expect(describeShownPlan(shownPlan(auto, null)!)).toBe(
    'Version 1 · proposed by the planner · approved by automatic approval',
  );
});
