import {
  FOUR_EYES_HOLDS_DIFF_MESSAGE,
  mayAutoApproveDiff,
  outOfPlanHoldsDiffMessage,
  type DiffAutoApprovalDependencies,
} from './diff-auto-approval';
import type { TaskBrief } from './task-graph.state';

const brief = (autoApproveDiff: boolean): TaskBrief => ({
  taskId: '00000000-0000-4000-8000-0000000000a1',
  organisationId: '00000000-0000-4000-8000-0000000000b1',
  userId: '00000000-0000-4000-8000-0000000000c1',
  login: 'ada',
  attempt: 1,
  prompt: 'Fix it',
  constraints: {},
  repositoryId: '00000000-0000-4000-8000-0000000000d1',
  repositoryName: 'acme/widgets',
  barePath: '/tmp/acme.git',
  baseBranch: 'main',
  testCommand: null,
  lintCommand: null,
  setupCommand: null,
  draftPullRequests: true,
  autoApprovePlan: false,
  autoApproveDiff,
  model: null,
  github: null,
});

/** A repository whose four-eyes setting is whatever the test says now, and a log of raised events. */
function fakeDependencies(requireSeparateApprover: boolean) {
  const raised: Array<{ type: string; payload: Record<string, unknown> }> = [];
  const deps: DiffAutoApprovalDependencies = {
    store: { loadTask: async () => ({ repository: { requireSeparateApprover } }) },
    events: { raise: async (_taskId, type, payload) => void raised.push({ type, payload }) },
  };
  return { deps, raised };
}

describe('automatic diff approval under the four-eyes rule', () => {
  it('approves automatically when the task asked for it and the repository has no four-eyes rule', async () => {
    const { deps, raised } = fakeDependencies(false);
    await expect(mayAutoApproveDiff(deps, brief(true))).resolves.toBe(true);
    expect(raised).toEqual([]);
  });

  it('holds the diff for a reviewer when the rule was turned on after the task started, and says why in the log', async () => {
    const { deps, raised } = fakeDependencies(true);
    await expect(mayAutoApproveDiff(deps, brief(true))).resolves.toBe(false);
    expect(raised).toEqual([
      {
        type: 'agent_thought',
        payload: { message: FOUR_EYES_HOLDS_DIFF_MESSAGE, reason: 'require_separate_approver' },
      },
    ]);
  });

  it('never approves automatically a task that did not ask for it', async () => {
    const { deps, raised } = fakeDependencies(false);
    await expect(mayAutoApproveDiff(deps, brief(false))).resolves.toBe(false);
    expect(raised).toEqual([]);
  });
});

describe('automatic diff approval of a change outside the plan (ADR 0031)', () => {
  const conformance = (outOfPlan: string[]) => ({
    planVersion: 1,
    planContentHash: 'c'.repeat(64),
    diffSha256: 'd'.repeat(64),
    steps: [],
    files: outOfPlan.map((path) => ({ path, change: 'added' as const, stepIds: [], outOfPlan: true })),
    outOfPlan,
  });

  it('holds the diff for a reviewer and names the files, since only a person may acknowledge them', async () => {
    const { deps, raised } = fakeDependencies(false);
    await expect(mayAutoApproveDiff(deps, brief(true), conformance(['notes.md', 'src/extra.js']))).resolves.toBe(false);
    expect(raised).toEqual([
      {
        type: 'agent_thought',
        payload: { message: outOfPlanHoldsDiffMessage(['notes.md', 'src/extra.js']), reason: 'out_of_plan' },
      },
    ]);
    expect(outOfPlanHoldsDiffMessage(['notes.md', 'src/extra.js'])).toBe(
      'Automatic diff approval is held back: the change touches 2 files outside the approved plan (notes.md, src/extra.js), which a reviewer must acknowledge',
    );
  });

  it('approves automatically a change inside the plan, and a diff without a report', async () => {
    const { deps, raised } = fakeDependencies(false);
    await expect(mayAutoApproveDiff(deps, brief(true), conformance([]))).resolves.toBe(true);
    await expect(mayAutoApproveDiff(deps, brief(true), null)).resolves.toBe(true);
    expect(raised).toEqual([]);
  });
});
