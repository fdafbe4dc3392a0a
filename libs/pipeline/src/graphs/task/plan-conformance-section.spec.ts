import type { PlanConformanceReport } from '@patchbay/contracts';
import { planConformanceSection } from './plan-conformance-section';
import { pullRequestBody } from './pull-request-body';
import type { TaskGraphStateType } from './task-graph.state';

const REPORT: PlanConformanceReport = {
  planVersion: 2,
  planContentHash: 'c'.repeat(64),
  diffSha256: 'd'.repeat(64),
  steps: [
    {
      id: '1',
      title: 'Fix the greeting',
      plannedFiles: ['src/greet.js'],
      changedFiles: ['src/greet.js'],
      status: 'changed',
    },
    { id: '2', title: 'Document | it', plannedFiles: ['docs/'], changedFiles: [], status: 'no_change' },
    { id: '3', title: 'Check by hand', plannedFiles: [], changedFiles: [], status: 'names_no_files' },
  ],
  files: [
    { path: 'src/greet.js', change: 'modified', stepIds: ['1'], outOfPlan: false },
    {
      path: 'test/greet.test.js',
      change: 'modified',
      stepIds: [],
      impliedBy: { kind: 'target_test', source: 'greets by name' },
      outOfPlan: false,
    },
    { path: 'notes/todo.md', change: 'added', stepIds: [], outOfPlan: true },
    { path: 'src/new.js', previousPath: 'src/old.js', change: 'renamed', stepIds: [], outOfPlan: true },
  ],
  outOfPlan: ['notes/todo.md', 'src/new.js'],
};

describe('planConformanceSection', () => {
  it('lists each step with its changed files or "no change", what the plan implies, and the acknowledged changes outside it', () => {
    expect(planConformanceSection(REPORT, { paths: ['notes/todo.md', 'src/new.js'], by: 'grace' }).join('\n')).toBe(
      [
        '## Plan conformance',
        'The diff read against the approved plan (version 2).',
        '',
        '| step | files changed |',
        '|---|---|',
        '| 1. Fix the greeting | `src/greet.js` |',
        '| 2. Document \\| it | no change (planned: `docs/`) |',
        '| 3. Check by hand | names no files |',
        '',
        'Implied by the plan:',
        '- `test/greet.test.js`: holds the target test "greets by name"',
        '',
        '**Outside the plan** — acknowledged by @grace when approving the diff:',
        '- `notes/todo.md` (added)',
        '- `src/new.js` (renamed from `src/old.js`)',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing is outside the plan, and says "not acknowledged" when no acknowledgement was given', () => {
    const conforming: PlanConformanceReport = {
      ...REPORT,
      planVersion: null,
      files: REPORT.files.slice(0, 1),
      outOfPlan: [],
    };
    const text = planConformanceSection(conforming, null).join('\n');
    expect(text).toContain('The diff read against the approved plan.');
    expect(text).toContain('Every changed file belongs to the plan.');
    expect(text).not.toContain('Outside the plan');
    expect(planConformanceSection(REPORT, null).join('\n')).toContain('**Outside the plan** — not acknowledged:');
  });

  it('leaves the pull request without the section when the diff has no report, and puts it after the plan otherwise', () => {
    const state = {
      plan: { summary: 'Fix greet()', steps: [{ id: '1', title: 'Fix', detail: '', files: [] }], targetTests: [] },
      diff: 'diff --git a/src/greet.js b/src/greet.js\n',
      modelLabel: 'scripted model',
    } as Partial<TaskGraphStateType> as TaskGraphStateType;
    expect(pullRequestBody(state)).not.toContain('Plan conformance');
    const body = pullRequestBody({
      ...state,
      planConformance: REPORT,
      outOfPlanAcknowledgement: { paths: REPORT.outOfPlan, by: 'grace' },
    });
    expect(body.indexOf('## Plan conformance')).toBeGreaterThan(body.indexOf('## Plan\n'));
    expect(body.indexOf('## Plan conformance')).toBeLessThan(body.indexOf('## Tests'));
    expect(body).toContain('acknowledged by @grace');
  });
});
