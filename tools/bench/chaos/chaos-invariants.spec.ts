import { checkChaosRun, checkStages, checkTask, type TaskObservation } from './chaos-invariants';

const HAPPY = ['queued', 'analysing', 'planning', 'executing', 'validating', 'publishing', 'completed'];

function completed(overrides: Partial<TaskObservation> = {}): TaskObservation {
  return {
    taskId: 't1',
    status: 'completed',
    statusChanges: HAPPY,
    prCreatedEvents: 1,
    pullRequestRows: 1,
    branches: ['patchbay/t1-fix'],
    commitsOnBranch: 1,
    ...overrides,
  };
}

describe('chaos invariants', () => {
  it('accepts a task that ran every stage once, with one commit, one branch and one pull request', () => {
    expect(checkTask(completed(), 1)).toEqual({ taskId: 't1', verdict: 'ok', problems: [], rounds: 1 });
  });

  it('accepts a second round only where the run is allowed one', () => {
    const twoRounds = [...HAPPY.slice(0, 5), 'executing', 'validating', ...HAPPY.slice(5)];
    expect(checkTask(completed({ statusChanges: twoRounds }), 2).verdict).toBe('ok');
    expect(checkTask(completed({ statusChanges: twoRounds }), 1)).toMatchObject({
      verdict: 'duplicated',
      problems: ['2 rounds where 1 suffice: executing and validating re-entered'],
    });
  });

  it('calls a task that failed after a kill lost, with its error', () => {
    const failed = completed({
      status: 'failed',
      statusChanges: [...HAPPY.slice(0, 4), 'failed'],
      prCreatedEvents: 0,
      pullRequestRows: 0,
      branches: [],
      commitsOnBranch: null,
      lastError: 'sandbox gone',
    });
    expect(checkTask(failed, 1)).toMatchObject({
      verdict: 'lost',
      problems: ['ended failed: sandbox gone', 'stopped after executing'],
    });
  });

  it('calls a task that never reached a terminal status lost', () => {
    const stuck = completed({
      status: 'executing',
      statusChanges: HAPPY.slice(0, 4),
      prCreatedEvents: 0,
      pullRequestRows: 0,
      branches: [],
      commitsOnBranch: null,
    });
    expect(checkTask(stuck, 1).problems).toEqual([
      'no terminal status (still executing)',
      'ended executing',
      'stopped after executing',
    ]);
  });

  it('finds every kind of duplicated work', () => {
    expect(checkTask(completed({ statusChanges: [...HAPPY, 'completed'] }), 1)).toMatchObject({
      verdict: 'duplicated',
      problems: ['2 terminal status events: completed, completed', 'completed entered 2 times'],
    });
    expect(
      checkTask(completed({ statusChanges: ['queued', 'analysing', 'analysing', ...HAPPY.slice(2)] }), 1).problems,
    ).toEqual(['analysing entered 2 times']);
    expect(checkTask(completed({ commitsOnBranch: 2 }), 1).problems).toEqual(['2 commits on the branch']);
    expect(checkTask(completed({ pullRequestRows: 2, prCreatedEvents: 2 }), 1).problems).toEqual([
      '2 pull request rows',
      '2 pr_created events',
    ]);
    expect(checkTask(completed({ branches: ['patchbay/a', 'patchbay/b'] }), 1).problems).toEqual([
      '2 branches: patchbay/a, patchbay/b',
    ]);
  });

  it('calls a completed task without its pull request or commit lost', () => {
    expect(
      checkTask(completed({ pullRequestRows: 0, prCreatedEvents: 0, branches: [], commitsOnBranch: null }), 1).problems,
    ).toEqual(['no pull request row', 'no pr_created event', 'no branch in the forge']);
    expect(checkTask(completed({ commitsOnBranch: 0 }), 1).problems).toEqual(['the branch has no commit']);
  });

  it('sees stages out of order and stages off the unattended path', () => {
    expect(checkStages(['queued', 'planning', 'analysing', 'executing', 'validating'], 1).problems).toEqual([
      {
        kind: 'lost',
        text: 'out of order at position 2: queued → planning → analysing → executing → validating (expected queued → analysing → planning → executing → validating → publishing → completed)',
      },
    ]);
    expect(checkStages([...HAPPY.slice(0, 4), 'paused'], 1).problems).toEqual([
      { kind: 'lost', text: 'left the unattended path: entered paused' },
    ]);
  });

  it('passes a run only with no lost or duplicated task and no sandbox left', () => {
    const good = checkChaosRun({ tasks: [completed()], expectedRounds: 1, sandboxesLeft: [] });
    expect(good).toMatchObject({ passed: true, lost: 0, duplicated: 0 });
    expect(checkChaosRun({ tasks: [completed()], expectedRounds: 1, sandboxesLeft: ['sb-1'] }).passed).toBe(false);
    const bad = checkChaosRun({
      tasks: [completed(), completed({ taskId: 't2', commitsOnBranch: 2, status: 'failed' })],
      expectedRounds: 1,
      sandboxesLeft: [],
    });
    expect(bad).toMatchObject({ passed: false, lost: 1, duplicated: 1 });
    expect(checkChaosRun({ tasks: [], expectedRounds: 1, sandboxesLeft: [] }).passed).toBe(false);
  });
});
