import {
  type CheckEventSummary,
  type Plan,
  planSchema,
  type PullRequestView,
  type RepositoryConfigurationReport,
  type TaskEvent,
  type TaskEventPayload,
  TASK_STATUSES,
  type TaskStatus,
  type TestResultDetail,
} from '@patchbay/contracts';

/**
 * Readers of the parts of event payloads the dashboard shows. The payloads are typed by the
 * contracts (TaskEventPayloads), so a change to a payload's shape is a compile error here.
 */
export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export function statusChangeOf(event: TaskEvent): { from: TaskStatus | null; to: TaskStatus } | null {
  if (event.type !== 'status_changed') return null;
  const { from, to } = event.payload;
  return { from, to };
}

/** The plan of the latest valid `plan_ready` event, or null while there is none. */
export function latestPlan(events: readonly TaskEvent[]): { plan: Plan; seq: number } | null {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type !== 'plan_ready') continue;
    // Parsed, not only typed: a plan is edited and sent back, and planSchema fills in what older plans lack.
    const parsed = planSchema.safeParse(event.payload.plan);
    if (parsed.success) return { plan: parsed.data, seq: event.seq };
  }
  return null;
}

/** The files of the latest diff the task presented (`diff_ready`), in diff order; empty before there is one. */
export function latestDiffFiles(events: readonly TaskEvent[]): string[] {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type === 'diff_ready') return event.payload.files.map((file) => file.path);
  }
  return [];
}

/** A question the planner asked (ADR 0026) and, once given, its answer. */
export interface ClarificationView {
  questionNumber: number;
  question: string;
  options: string[];
  classification: TaskEventPayload<'clarification_requested'>['classification'];
  answer: Pick<TaskEventPayload<'clarification_answered'>, 'answer' | 'answeredBy' | 'via'> | null;
}

/** The planner's questions of the current attempt, oldest first, each with its answer when there is one. */
export function clarificationsOf(events: readonly TaskEvent[]): ClarificationView[] {
  let questions: ClarificationView[] = [];
  for (const event of events) {
    // A retry is a new attempt whose planner starts over, and so does its question count.
    if (event.type === 'status_changed' && event.payload.to === 'queued') questions = [];
    if (event.type === 'clarification_requested') {
      const { questionNumber, question, options, classification } = event.payload;
      questions.push({ questionNumber, question, options: options ?? [], classification, answer: null });
    }
    if (event.type === 'clarification_answered') {
      const asked = questions.find((item) => item.questionNumber === event.payload.questionNumber);
      const { answer, answeredBy, via } = event.payload;
      if (asked) asked.answer = { answer, answeredBy, via };
    }
  }
  return questions;
}

/** The configuration the task runs under, from the latest event that reports it; null before analysis. */
export function repositoryConfigurationOf(events: readonly TaskEvent[]): RepositoryConfigurationReport | null {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type === 'agent_thought' && event.payload.configuration) return event.payload.configuration;
  }
  return null;
}

/** A check the testing agent ran beside the tests (the linter, another step of the test script). */
export type CheckSummary = Pick<CheckEventSummary, 'name' | 'kind' | 'status' | 'failed' | 'unavailableReason'>;

export interface TestSummary {
  passed: number;
  failed: number;
  skipped: number;
  phase: TaskEventPayload<'test_results'>['phase'];
  /** `per_test`, `counts` or `exit_code` (TestRunSummary.resultDetail); absent in older events. */
  resultDetail?: TestResultDetail;
  failures: Array<{ name: string; message?: string }>;
  checks: CheckSummary[];
}

export function testSummaryOf(event: TaskEvent): TestSummary | null {
  if (event.type !== 'test_results') return null;
  const { passed, failed, skipped, phase, resultDetail, failures, checks } = event.payload;
  return {
    passed,
    failed,
    skipped,
    phase,
    resultDetail: resultDetail ?? undefined,
    failures: failures.map(({ name, message }) => ({ name, message })),
    checks: (checks ?? []).map(({ name, kind, status, failed: problems, unavailableReason }) => ({
      name,
      kind,
      status,
      failed: problems,
      unavailableReason,
    })),
  };
}

export type OpenedPullRequest = Pick<PullRequestView, 'url' | 'number' | 'headBranch'>;

/** The pull request announced by the latest `pr_created` event, or null while there is none. */
export function pullRequestOf(events: readonly TaskEvent[]): OpenedPullRequest | null {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type !== 'pr_created') continue;
    const { url, number, branch } = event.payload;
    return url ? { url, number, headBranch: branch } : null;
  }
  return null;
}

/** One line of the live log for an event. */
export function describeEvent(event: TaskEvent): string {
  switch (event.type) {
    case 'status_changed': {
      const { from, to, by } = event.payload;
      return `status ${from ?? '∅'} → ${to}${by ? ` (by ${by})` : ''}`;
    }
    case 'agent_thought':
      return event.payload.message;
    case 'plan_ready': {
      const { plan } = event.payload;
      return `plan ready: ${plan.steps.length} step(s) — ${plan.summary}`;
    }
    case 'file_modified':
      return `${event.payload.change} ${event.payload.path}`;
    case 'command_executed':
      // The exit code is the log line's badge; repeating it here read as "exit 0 exit 0".
      return `$ ${event.payload.command}${event.payload.timedOut ? ' (timed out)' : ''}`;
    case 'test_results': {
      const { phase, passed, failed } = event.payload;
      return `tests (${phase}): ${passed} passed, ${failed} failed`;
    }
    case 'checkpoint_reached': {
      // The gateway records a human's approval decision as a checkpoint.
      // What the reviewer said stays on the timeline: the feedback's first line and how many inline comments came with it.
      const { subject, decision, by, planVersion, comments: inline, feedback: written } = event.payload;
      const comments = inline?.length ?? 0;
      const firstLine = written?.split('\n')[0]?.trim();
      const feedback = firstLine === 'Inline comments:' && comments > 0 ? undefined : firstLine;
      const said = [
        feedback ? `“${feedback}”` : '',
        comments > 0 ? `${comments} inline ${comments === 1 ? 'comment' : 'comments'}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `${subject}${planVersion === undefined ? '' : ` version ${planVersion}`} ${decision}${by ? ` by ${by}` : ''}${said ? `: ${said}` : ''}`;
    }
    case 'diff_ready':
      return `diff ready: ${event.payload.files.length} file(s)`;
    case 'pr_created':
      return `pull request #${event.payload.number} opened ${event.payload.url}`.trim();
    case 'audio_ready':
      return 'audio summary ready';
    case 'error':
      return `[${event.payload.category}] ${event.payload.message}`;
    case 'clarification_requested': {
      const { question, options, questionNumber } = event.payload;
      return `question ${questionNumber}: ${question}${options?.length ? ` (${options.join(' / ')})` : ''}`;
    }
    case 'clarification_answered': {
      const { answer, answeredBy, via, questionNumber } = event.payload;
      return `answer ${questionNumber} by ${answeredBy} (${via}): ${answer}`;
    }
    case 'constraint_added': {
      const { addedBy, note, avoidFiles, maxFilesChanged } = event.payload;
      const rules = [
        note ? `“${note.split('\n')[0]?.trim()}”` : '',
        avoidFiles?.length ? `avoid ${avoidFiles.join(', ')}` : '',
        maxFilesChanged ? `at most ${maxFilesChanged} changed files` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      return `constraint added by ${addedBy}: ${rules}`;
    }
    case 'explanation_requested': {
      const { by, question, file, lines } = event.payload;
      const about = file ? `${file}${lines ? `:${lines.start}-${lines.end}` : ''}` : 'the change';
      return `${by} asked about ${about}: “${question}”`;
    }
    case 'explanation_chunk':
      return event.payload.text;
    case 'explanation_answered':
      return `explanation (${event.payload.model}): ${event.payload.answer}`;
    case 'explanation_failed':
      return `explanation failed: ${event.payload.message}`;
    case 'plan_conformance': {
      const { outOfPlan, steps } = event.payload;
      const unchanged = steps.filter((step) => step.status === 'no_change').length;
      const outside =
        outOfPlan.length > 0
          ? `${outOfPlan.length} outside the plan: ${outOfPlan.join(', ')}`
          : 'nothing outside the plan';
      return `plan conformance: ${outside}${unchanged > 0 ? ` · ${unchanged} ${unchanged === 1 ? 'step' : 'steps'} with no change` : ''}`;
    }
    case 'check_completed': {
      const { name, status, exitCode, durationMs } = event.payload;
      return `required check ${name} ${status === 'passed' ? 'passed' : `failed (exit ${exitCode ?? 'none'})`} in ${durationMs} ms`;
    }
    case 'check_waived': {
      const { name, waivedBy, reason } = event.payload;
      return `required check ${name} waived by ${waivedBy}: ${reason}`;
    }
    case 'mcp_tool_called': {
      // A tool of a third-party MCP server: what was called, how big the answer was, and whether the server was cut off.
      const { server, tool, role, ok, cutOff, resultBytes, durationMs, error } = event.payload;
      const outcome = cutOff
        ? `server cut off: ${error ?? ''}`
        : ok
          ? `${resultBytes} bytes in ${durationMs} ms`
          : `failed: ${error ?? ''}`;
      return `${role} MCP ${server}/${tool} — ${outcome}`.trim();
    }
    case 'egress_report': {
      const { monitored, blocked, dropped, targets } = event.payload;
      if (!monitored) return 'egress: the sandbox had no network, so no connection attempt could be seen';
      if (blocked === 0) return 'egress: no connection was refused';
      return `egress: ${blocked + dropped} connection(s) refused (${targets.join(', ')})`;
    }
    case 'candidate_started':
      return `candidate ${event.payload.candidate} of ${event.payload.of} started in its own sandbox`;
    case 'candidate_finished': {
      const { candidate, of, done, tests, changedLines, error } = event.payload;
      if (error) return `candidate ${candidate} of ${of} stopped: ${error}`;
      const results = tests ? `${tests.passed} passed, ${tests.failed} failed` : 'no test run';
      return `candidate ${candidate} of ${of} ${done ? 'passes' : 'does not pass'} (${results}; ${changedLines} changed lines)`;
    }
    case 'candidate_selected': {
      const { candidate, of, by, reason } = event.payload;
      return `candidate ${candidate} of ${of} selected by the ${by}: ${reason}`;
    }
  }
}

export function exitCodeOf(event: TaskEvent): number | undefined {
  return event.type === 'command_executed' ? (event.payload.exitCode ?? undefined) : undefined;
}
