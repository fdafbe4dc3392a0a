/**
 * What the chaos benchmark demands of every task after the kills, as a pure function of what was
 * observed (the task's status and status events, its pull-request rows and events, its branch in
 * the local forge) so that the checker itself is unit-tested and can fail.
 *
 * A task is
 * - **lost** when it did not end `completed` (a task that failed because of a kill is lost unless
 *   the platform carried it to completion on its own), or when it never reached a terminal status;
 * - **duplicated** when any piece of its work happened twice: a second terminal status event, a
 *   stage entered twice outside a legitimate retry round, a second commit, branch or pull request.
 *
 * Stages, precisely: `queued`, `analysing`, `planning`, `publishing` and `completed` are entered
 * exactly once, in that order around the rounds. A round is `executing` followed by `validating`;
 * the only legitimate re-entry is a further round (`validating → executing`), which the pipeline
 * makes only when validation found failing checks. The benchmark's task is fixed in one round, so
 * it passes `expectedRounds: 1`: a second round there means a kill made work run again.
 * With auto-approval the approval states are never entered; `awaiting_*`, `paused` and `resumed`
 * are therefore reported as unexpected too.
 */

export const TERMINAL_STATUSES = ['completed', 'failed', 'cancelled'] as const;

export interface TaskObservation {
  taskId: string;
  /** The task's status as the API reports it at the end. */
  status: string;
  /** `payload.to` of every `status_changed` event, in `seq` order. */
  statusChanges: string[];
  /** `pr_created` events of the task. */
  prCreatedEvents: number;
  /** Rows in `pull_requests` for the task. */
  pullRequestRows: number;
  /** Branches in the repository's bare git for this task (its pull request's head branch, and any other `patchbay/` branch naming the task). */
  branches: string[];
  /** Commits on the task's branch beyond the base branch, or null when there is no branch. */
  commitsOnBranch: number | null;
  /** The last `error` event's message, for the report. */
  lastError?: string;
}

export type TaskVerdict = 'ok' | 'lost' | 'duplicated' | 'lost+duplicated';

export interface TaskCheck {
  taskId: string;
  verdict: TaskVerdict;
  /** Each broken rule, in words. */
  problems: string[];
  rounds: number;
}

export interface ChaosCheckInput {
  tasks: TaskObservation[];
  /** Rounds the task needs when nothing goes wrong. */
  expectedRounds: number;
  /** Sandbox containers of the benchmark's instance still present after the reaper ran. */
  sandboxesLeft: string[];
}

export interface ChaosCheckResult {
  tasks: TaskCheck[];
  lost: number;
  duplicated: number;
  sandboxesLeft: string[];
  /** Zero lost, zero duplicated, no sandbox left. */
  passed: boolean;
}

const ONCE_BEFORE_ROUNDS = ['queued', 'analysing', 'planning'] as const;
const ONCE_AFTER_ROUNDS = ['publishing', 'completed'] as const;
const ENDINGS = ['failed', 'cancelled'] as const;

export interface StageProblem {
  /** `duplicated`: a stage or round ran again; `lost`: the sequence is cut short or off the pipeline's path. */
  kind: 'lost' | 'duplicated';
  text: string;
}

/** The status sequence against the pipeline's stages; returns the problems and the number of rounds. */
export function checkStages(changes: string[], expectedRounds: number): { problems: StageProblem[]; rounds: number } {
  const problems: StageProblem[] = [];
  const count = (stage: string) => changes.filter((to) => to === stage).length;
  for (const stage of [...ONCE_BEFORE_ROUNDS, ...ONCE_AFTER_ROUNDS]) {
    if (count(stage) > 1) problems.push({ kind: 'duplicated', text: `${stage} entered ${count(stage)} times` });
  }
  const rounds = count('executing');
  if (rounds > expectedRounds)
    problems.push({
      kind: 'duplicated',
      text: `${rounds} rounds where ${expectedRounds} suffice: executing and validating re-entered`,
    });
  if (count('validating') > rounds)
    problems.push({
      kind: 'duplicated',
      text: `validating entered ${count('validating')} times in ${rounds} round(s)`,
    });
  const known = new Set<string>([...ONCE_BEFORE_ROUNDS, 'executing', 'validating', ...ONCE_AFTER_ROUNDS, ...ENDINGS]);
  for (const stage of new Set(changes.filter((to) => !known.has(to))))
    problems.push({ kind: 'lost', text: `left the unattended path: entered ${stage}` });
  if (problems.length > 0) return { problems, rounds };

  // Counts are right; now the order: queued, analysing, planning, (executing, validating)+, publishing, completed,
  // where a failure or cancellation may cut it short.
  const expected = [
    ...ONCE_BEFORE_ROUNDS,
    ...Array.from({ length: Math.max(rounds, 1) }, () => ['executing', 'validating']).flat(),
    ...ONCE_AFTER_ROUNDS,
  ];
  const path = changes.filter((to) => !(ENDINGS as readonly string[]).includes(to));
  const offAt = path.findIndex((to, i) => expected[i] !== to);
  if (offAt >= 0)
    problems.push({
      kind: 'lost',
      text: `out of order at position ${offAt + 1}: ${path.join(' → ')} (expected ${expected.join(' → ')})`,
    });
  else if (path.length < expected.length)
    problems.push({ kind: 'lost', text: `stopped after ${path[path.length - 1] ?? 'nothing'}` });
  return { problems, rounds };
}

export function checkTask(task: TaskObservation, expectedRounds: number): TaskCheck {
  let lost = false;
  let duplicated = false;
  const problems: string[] = [];
  const lose = (problem: string) => {
    lost = true;
    problems.push(problem);
  };
  const duplicate = (problem: string) => {
    duplicated = true;
    problems.push(problem);
  };

  const terminals = task.statusChanges.filter((to) => (TERMINAL_STATUSES as readonly string[]).includes(to));
  if (terminals.length === 0) lose(`no terminal status (still ${task.status})`);
  if (terminals.length > 1) duplicate(`${terminals.length} terminal status events: ${terminals.join(', ')}`);
  if (task.status !== 'completed') lose(`ended ${task.status}${task.lastError ? `: ${task.lastError}` : ''}`);

  const stages = checkStages(task.statusChanges, expectedRounds);
  for (const problem of stages.problems) (problem.kind === 'duplicated' ? duplicate : lose)(problem.text);

  if (task.status === 'completed' || task.pullRequestRows > 0 || task.branches.length > 0) {
    if (task.pullRequestRows === 0) lose('no pull request row');
    if (task.pullRequestRows > 1) duplicate(`${task.pullRequestRows} pull request rows`);
    if (task.prCreatedEvents === 0) lose('no pr_created event');
    if (task.prCreatedEvents > 1) duplicate(`${task.prCreatedEvents} pr_created events`);
    if (task.branches.length === 0) lose('no branch in the forge');
    if (task.branches.length > 1) duplicate(`${task.branches.length} branches: ${task.branches.join(', ')}`);
    if (task.commitsOnBranch === 0) lose('the branch has no commit');
    if (task.commitsOnBranch !== null && task.commitsOnBranch > 1)
      duplicate(`${task.commitsOnBranch} commits on the branch`);
  }

  const verdict: TaskVerdict =
    lost && duplicated ? 'lost+duplicated' : lost ? 'lost' : duplicated ? 'duplicated' : 'ok';
  return { taskId: task.taskId, verdict, problems, rounds: stages.rounds };
}

export function checkChaosRun(input: ChaosCheckInput): ChaosCheckResult {
  const tasks = input.tasks.map((task) => checkTask(task, input.expectedRounds));
  const lost = tasks.filter((t) => t.verdict === 'lost' || t.verdict === 'lost+duplicated').length;
  const duplicated = tasks.filter((t) => t.verdict === 'duplicated' || t.verdict === 'lost+duplicated').length;
  return {
    tasks,
    lost,
    duplicated,
    sandboxesLeft: input.sandboxesLeft,
    passed: lost === 0 && duplicated === 0 && input.sandboxesLeft.length === 0 && tasks.length > 0,
  };
}
