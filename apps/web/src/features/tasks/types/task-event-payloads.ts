import { type Plan, planSchema, type PullRequestView, type RepositoryConfigurationReport, repositoryConfigurationReportSchema, type TaskEvent, TASK_STATUSES, type TaskStatus } from '@patchbay/contracts';

/**
 * Event payloads are `Record<string, unknown>` in the contracts; these readers narrow the parts
 * the dashboard shows and tolerate anything else, because producers add fields over time.
 */
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export function statusChangeOf(event: TaskEvent): { from: TaskStatus | null; to: TaskStatus } | null {
  if (event.type !== 'status_changed') return null;
  const to = event.payload['to'];
  const from = event.payload['from'];
  if (!isTaskStatus(to)) return null;
  return { from: isTaskStatus(from) ? from : null, to };
}

/** The plan of the latest valid `plan_ready` event, or null while there is none. */
export function latestPlan(events: readonly TaskEvent[]): { plan: Plan; seq: number } | null {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type !== 'plan_ready') continue;
    const parsed = planSchema.safeParse(event.payload['plan']);
    if (parsed.success) return { plan: parsed.data, seq: event.seq };
  }
  return null;
}

/** The configuration the task runs under, from the latest event that reports it; null before analysis. */
export function repositoryConfigurationOf(events: readonly TaskEvent[]): RepositoryConfigurationReport | null {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const parsed = repositoryConfigurationReportSchema.safeParse(events[index]?.payload['configuration']);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** A check the testing agent ran beside the tests (the linter, another step of the test script). */
export interface CheckSummary {
  name: string;
  kind?: string;
  status: string;
  failed?: number;
  unavailableReason?: string;
}

export interface TestSummary {
  passed?: number;
  failed?: number;
  skipped?: number;
  total?: number;
  phase?: string;
  /** `per_test`, `counts` or `exit_code` (TestRunSummary.resultDetail); absent in older events. */
  resultDetail?: string;
  failures: Array<{ name: string; message?: string }>;
  checks: CheckSummary[];
  raw: Record<string, unknown>;
}

function checksOf(value: unknown): CheckSummary[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const record = entry as Record<string, unknown>;
    const name = text(record['name']);
    const status = text(record['status']);
    return name && status ? [{ name, status, kind: text(record['kind']), failed: num(record['failed']), unavailableReason: text(record['unavailableReason']) }] : [];
  });
}

export function testSummaryOf(event: TaskEvent): TestSummary | null {
  if (event.type !== 'test_results') return null;
  const payload = event.payload;
  const counts = (typeof payload['summary'] === 'object' && payload['summary'] !== null ? payload['summary'] : payload) as Record<string, unknown>;
  const failuresRaw = Array.isArray(payload['failures']) ? payload['failures'] : [];
  const failures = failuresRaw.flatMap((entry: unknown) => {
    if (typeof entry === 'string') return [{ name: entry }];
    if (typeof entry === 'object' && entry !== null) {
      const record = entry as Record<string, unknown>;
      const name = text(record['name']) ?? text(record['test']) ?? text(record['id']);
      if (name) return [{ name, message: text(record['message']) ?? text(record['output']) }];
    }
    return [];
  });
  return {
    passed: num(counts['passed']),
    failed: num(counts['failed']),
    skipped: num(counts['skipped']),
    total: num(counts['total']),
    phase: text(payload['phase']) ?? text(payload['stage']),
    resultDetail: text(payload['resultDetail']),
    failures,
    checks: checksOf(payload['checks']),
    raw: payload,
  };
}

export type OpenedPullRequest = Pick<PullRequestView, 'url'> & Partial<Pick<PullRequestView, 'number' | 'headBranch'>>;

/** The pull request announced by the latest `pr_created` event, or null while there is none. */
export function pullRequestOf(events: readonly TaskEvent[]): OpenedPullRequest | null {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type !== 'pr_created') continue;
    const url = text(event.payload['url']) ?? text(event.payload['htmlUrl']);
    return url ? { url, number: num(event.payload['number']), headBranch: text(event.payload['branch']) } : null;
  }
  return null;
}

/** One line of the live log for an event. */
export function describeEvent(event: TaskEvent): string {
  const p = event.payload;
  switch (event.type) {
    case 'status_changed': {
      const change = statusChangeOf(event);
      const by = text(p['by']);
      return change ? `status ${change.from ?? '∅'} → ${change.to}${by ? ` (by ${by})` : ''}` : 'status changed';
    }
    case 'agent_thought':
      return text(p['message']) ?? text(p['thought']) ?? JSON.stringify(p);
    case 'plan_ready': {
      const plan = planSchema.safeParse(p['plan']);
      return plan.success ? `plan ready: ${plan.data.steps.length} step(s) — ${plan.data.summary}` : 'plan ready';
    }
    case 'file_modified':
      return `${text(p['change']) ?? text(p['action']) ?? 'modified'} ${text(p['path']) ?? ''}`.trim();
    case 'command_executed':
      // The exit code is the log line's badge; repeating it here read as "exit 0 exit 0".
      return `$ ${text(p['command']) ?? '?'}${p['timedOut'] === true ? ' (timed out)' : ''}`;
    case 'test_results': {
      const summary = testSummaryOf(event);
      return `tests${summary?.phase ? ` (${summary.phase})` : ''}: ${summary?.passed ?? '?'} passed, ${summary?.failed ?? '?'} failed`;
    }
    case 'checkpoint_reached': {
      // The gateway records a human's approval decision as a checkpoint.
      const subject = text(p['subject']);
      const decision = text(p['decision']);
      const by = text(p['by']);
      if (subject && decision) {
        // What the reviewer said stays on the timeline: the feedback's first line and how many inline comments came with it.
        const version = num(p['planVersion']);
        const comments = Array.isArray(p['comments']) ? p['comments'].length : 0;
        const firstLine = text(p['feedback'])?.split('\n')[0]?.trim();
        const feedback = firstLine === 'Inline comments:' && comments > 0 ? undefined : firstLine;
        const said = [feedback ? `“${feedback}”` : '', comments > 0 ? `${comments} inline ${comments === 1 ? 'comment' : 'comments'}` : ''].filter(Boolean).join(', ');
        return `${subject}${version === undefined ? '' : ` version ${version}`} ${decision}${by ? ` by ${by}` : ''}${said ? `: ${said}` : ''}`;
      }
      return `checkpoint ${text(p['node']) ?? text(p['checkpointId']) ?? ''}`.trim();
    }
    case 'diff_ready':
      return `diff ready${num(p['filesChanged']) !== undefined ? `: ${num(p['filesChanged'])} file(s)` : ''}`;
    case 'pr_created': {
      const number = num(p['number']);
      return `pull request${number === undefined ? '' : ` #${number}`} opened ${text(p['url']) ?? ''}`.trim();
    }
    case 'audio_ready':
      return 'audio summary ready';
    case 'error':
      return `${text(p['category']) ? `[${text(p['category'])}] ` : ''}${text(p['message']) ?? JSON.stringify(p)}`;
    default:
      return JSON.stringify(p);
  }
}

export function exitCodeOf(event: TaskEvent): number | undefined {
  return event.type === 'command_executed' ? num(event.payload['exitCode']) : undefined;
}
