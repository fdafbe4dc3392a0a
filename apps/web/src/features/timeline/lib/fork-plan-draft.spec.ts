import { describeCheckpointStage, readForkPlanDraft } from './fork-plan-draft';

describe('readForkPlanDraft', () => {
  it('keeps the checkpoint’s plan when left empty', () => {
    expect(readForkPlanDraft('  ')).toEqual({ ok: true, plan: undefined });
  });

  it('accepts a plan and names what is wrong with one that is not', () => {
    const plan = { summary: 'S', steps: [{ id: '1', title: 'Do it', detail: '', files: [] }], targetTests: [] };
    expect(readForkPlanDraft(JSON.stringify(plan))).toEqual({ ok: true, plan });
    expect(readForkPlanDraft('{"summary":"S","steps":[]}')).toEqual({
      ok: false,
      problem: 'steps: a plan needs at least one step',
    });
    expect(readForkPlanDraft('{').ok).toBe(false);
  });
});

describe('describeCheckpointStage', () => {
  it('names the node, with the round once coding began', () => {
    expect(describeCheckpointStage('draft_plan', 0)).toBe('draft_plan');
    expect(describeCheckpointStage('validate', 2)).toBe('validate (round 2)');
    expect(describeCheckpointStage(null, null)).toBe('the start');
  });
});
