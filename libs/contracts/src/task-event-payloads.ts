import { z } from 'zod';
import { audioReadyPayloadSchema } from './audio-summary';
import { budgetReachedSchema } from './budget';
import { dependencyFindingSchema } from './dependency-finding';
import { egressReportPayloadSchema } from './egress-report';
import { ERROR_CATEGORIES } from './messages/agent-rpc';
import {
  CHECK_KINDS,
  CHECK_STATUSES,
  codingResultSchema,
  TEST_RESULT_DETAILS,
  testFailureSchema,
} from './messages/pipeline-commands';
import { APPROVAL_DECISIONS, APPROVAL_SUBJECTS } from './messages/task-commands';
import { reviewCommentSchema } from './api/plan-review.api';
import { CLARIFICATION_CHANNELS, taskClassificationSchema } from './clarification';
import { explainedLinesSchema } from './api/change-explanation.api';
import { planSchema, targetTestSchema } from './plan';
import { planConformanceReportSchema } from './plan-conformance';
import { RECOVERY_ACTIONS } from './recovery-action';
import { repositoryConfigurationReportSchema } from './repository-configuration';
import { checkCompletedPayloadSchema, checkWaivedPayloadSchema } from './required-checks';
import { TASK_STATUSES } from './task-status';
import { warmEnvironmentOutcomeSchema } from './sandbox/sandbox-api.contract';
import { TARGET_TEST_STATUSES } from './validation-verdict';

/*
 * One schema per task-event type, modelled on what the producers send. Fields that producers add
 * only in some situations, or that events stored before them lack, are optional. Each payload may
 * carry more than its schema names (the gateway stores a payload as it was sent), but code reads
 * only what is named here, so a change to a payload's shape is a compile error in every reader.
 */

export const statusChangedPayloadSchema = z.object({
  /** Null for the task's first status (`queued` when it was created). */
  from: z.enum(TASK_STATUSES).nullable(),
  to: z.enum(TASK_STATUSES),
  /** The person whose action moved the task (the gateway's changes); absent for the pipeline's own. */
  by: z.string().optional(),
  /** The attempt the task is on (the gateway's changes). */
  attempt: z.number().int().optional(),
});

/** The model roles whose work the live log narrates. */
export const THOUGHT_ROLES = ['planner', 'coder'] as const;

/**
 * A line of narration. Some carry what they narrate: a tool call (`tool`, `args`, `result`,
 * `refused`), the model that runs a role, the repository configuration the task runs under, the
 * dependency check's findings, the reviewer's target tests.
 */
export const agentThoughtPayloadSchema = z.object({
  message: z.string(),
  role: z.enum(THOUGHT_ROLES).optional(),
  /** The model layer's label for the model that runs `role`. */
  model: z.string().optional(),
  /** The coding round the thought belongs to. */
  round: z.number().int().optional(),
  tool: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
  result: z.string().optional(),
  refused: z.boolean().optional(),
  /** The task's closing summary. */
  final: z.boolean().optional(),
  /** Why the pipeline chose what it narrates, e.g. `require_separate_approver`. */
  reason: z.string().optional(),
  filesChanged: z.array(z.string()).optional(),
  stoppedBecause: codingResultSchema.shape.stoppedBecause.optional(),
  dependencyFindings: z.array(dependencyFindingSchema).optional(),
  configuration: repositoryConfigurationReportSchema.optional(),
  targetTests: z.array(targetTestSchema).optional(),
  /** The dependency install's warm environment: restored, saved or why not (ADR 0033). */
  warmEnvironment: warmEnvironmentOutcomeSchema.optional(),
});

export const planReadyPayloadSchema = z.object({
  plan: planSchema,
  version: z.number().int(),
  contentHash: z.string(),
  /** The model layer's label for the planner's model. */
  model: z.string(),
  /** How the planner classified the request (plans made before classification lack it). */
  classification: taskClassificationSchema.optional(),
});

export const FILE_CHANGES = ['created', 'edited', 'deleted', 'patched'] as const;
export type FileChange = (typeof FILE_CHANGES)[number];

export const fileModifiedPayloadSchema = z.object({
  path: z.string(),
  change: z.enum(FILE_CHANGES),
  additions: z.number().int(),
  deletions: z.number().int(),
  round: z.number().int(),
});

/** `setup`: the dependency install; `baseline`/`after`: the testing agent's runs. */
export const COMMAND_PHASES = ['setup', 'baseline', 'after'] as const;
/** What the testing agent ran a command for: the tests, the linter, or another step of the test script. */
export const COMMAND_PURPOSES = ['tests', 'lint', 'check'] as const;

export const commandExecutedPayloadSchema = z.object({
  command: z.string(),
  exitCode: z.number().int().nullable(),
  durationMs: z.number(),
  timedOut: z.boolean(),
  phase: z.enum(COMMAND_PHASES).optional(),
  purpose: z.enum(COMMAND_PURPOSES).optional(),
  /** The check's name, for a command that is not the tests. */
  check: z.string().optional(),
  oomKilled: z.boolean().optional(),
  /** The end of both streams together (the testing agent's runs). */
  output: z.string().optional(),
  /** Head and tail of each stream, secrets masked; absent for setup steps. */
  stdout: z.string().optional(),
  stderr: z.string().optional(),
  /** Bytes cut from the middle of stdout and stderr together. */
  elidedBytes: z.number().int().optional(),
  /** Both streams whole, sent only when something was cut; the gateway stores it as a `log` artifact and drops it from the event. */
  full: z.object({ stdout: z.string(), stderr: z.string() }).optional(),
  /** The stored whole output (GET /tasks/:id/outputs/:artifactId), set by the gateway in place of `full`. */
  outputArtifactId: z.string().optional(),
  /** The coding round, for the coding agent's commands. */
  round: z.number().int().optional(),
});

/** A test run as an event carries it: counts and the first failures, trimmed to stay small. */
export const testRunEventSummarySchema = z.object({
  framework: z.string(),
  command: z.string(),
  exitCode: z.number().int().nullable(),
  passed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  /** Absent in events recorded before it existed. */
  resultDetail: z.enum(TEST_RESULT_DETAILS).nullable().optional(),
  durationMs: z.number(),
  failures: z.array(testFailureSchema),
  /** Failures beyond the ones listed. */
  failuresOmitted: z.number().int(),
});
export type TestRunEventSummary = z.infer<typeof testRunEventSummarySchema>;

/** A check beside the tests as an event carries it. */
export const checkEventSummarySchema = z.object({
  kind: z.enum(CHECK_KINDS),
  name: z.string(),
  command: z.string(),
  status: z.enum(CHECK_STATUSES),
  exitCode: z.number().int().nullable(),
  unavailableReason: z.string().optional(),
  /** How many problems it reported (`failures` may list fewer). */
  failed: z.number().int(),
  failures: z.array(testFailureSchema),
});
export type CheckEventSummary = z.infer<typeof checkEventSummarySchema>;

export const testResultsPayloadSchema = testRunEventSummarySchema.extend({
  phase: z.enum(['baseline', 'after']),
  lint: testRunEventSummarySchema.nullable(),
  /** Absent in events recorded before it existed. */
  checks: z.array(checkEventSummarySchema).optional(),
  /** Why the linter did or did not run as it did. */
  lintNote: z.string().optional(),
});

/** A human's decision on a plan or a diff, as the gateway records it on the timeline. */
export const checkpointReachedPayloadSchema = z.object({
  approval: z.string(),
  subject: z.enum(APPROVAL_SUBJECTS),
  decision: z.enum(APPROVAL_DECISIONS),
  /** The login of the person who decided. */
  by: z.string(),
  contentHash: z.string(),
  /** The plan version decided on (plans only). */
  planVersion: z.number().int().optional(),
  feedback: z.string().optional(),
  comments: z.array(reviewCommentSchema).optional(),
  /** The changes outside the plan the approver acknowledged (diff approvals with such changes; ADR 0031). */
  acknowledgedOutOfPlan: z.array(z.string()).optional(),
});

export const diffReadyPayloadSchema = z.object({
  sha256: z.string(),
  /** Line counts are null for a binary file. */
  files: z.array(
    z.object({ path: z.string(), additions: z.number().int().nullable(), deletions: z.number().int().nullable() }),
  ),
  /** The latest run's counts; null when no validation ran. */
  tests: z.object({ passed: z.number().int(), failed: z.number().int() }).nullable(),
});

export const prCreatedPayloadSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  branch: z.string(),
  headSha: z.string(),
  filesChanged: z.array(z.string()),
  draft: z.boolean(),
  /** Set when the change was a new commit on an existing Patchbay pull request. */
  followUp: z.boolean().optional(),
});

/**
 * The error categories of the product (ERROR_CATEGORIES), plus the platform's own: `speech`
 * (the spoken summary could not be made) and `bus_unavailable` (a start command not handed over yet).
 */
export const TASK_ERROR_CATEGORIES = [...ERROR_CATEGORIES, 'speech', 'bus_unavailable'] as const;
export type TaskErrorCategory = (typeof TASK_ERROR_CATEGORIES)[number];

export const ERROR_SEVERITIES = ['warning', 'error', 'critical'] as const;
export type ErrorSeverity = (typeof ERROR_SEVERITIES)[number];

/** A possible secret the diff scan found; the secret itself never leaves the scanner. */
export const secretFindingSchema = z.object({
  ruleId: z.string(),
  file: z.string(),
  line: z.number().int(),
  fingerprint: z.string(),
});

export const errorPayloadSchema = z.object({
  category: z.enum(TASK_ERROR_CATEGORIES),
  message: z.string(),
  /** Absent counts as `error`. */
  severity: z.enum(ERROR_SEVERITIES).optional(),
  recoverable: z.boolean().optional(),
  /** A longer report (e.g. the failing tests after the last round), shown on demand. */
  report: z.string().optional(),
  /** What a person can do about it; absent: what follows from the task's status. */
  actions: z.array(z.enum(RECOVERY_ACTIONS)).optional(),
  /** The secret scan's findings, when it blocked publishing. */
  findings: z.array(secretFindingSchema).optional(),
  diffSha256: z.string().optional(),
  dependencyFindings: z.array(dependencyFindingSchema).optional(),
  /** The plan's target tests that still do not pass, with their status after the last round. */
  failingTargetTests: z.array(targetTestSchema.extend({ status: z.enum(TARGET_TEST_STATUSES) })).optional(),
  /** The budget that stopped a model call. */
  budget: budgetReachedSchema.optional(),
  /** The required checks that failed and stopped the task before its diff approval (waive each, or resume). */
  failedChecks: z.array(z.string()).optional(),
});

/** A developer narrowed the running task (POST /tasks/:id/constraints); the coder gets it at its next step. */
export const constraintAddedPayloadSchema = z.object({
  constraintId: z.string(),
  note: z.string().optional(),
  avoidFiles: z.array(z.string()).optional(),
  maxFilesChanged: z.number().int().optional(),
  /** The login of the developer who added it. */
  addedBy: z.string(),
});

/** What a reviewer asked about the diff (the gateway records it when it accepts the question). */
export const explanationRequestedPayloadSchema = z.object({
  explanationId: z.string(),
  question: z.string(),
  /** Absent: a question about the whole change. */
  file: z.string().optional(),
  lines: explainedLinesSchema.optional(),
  /** The login of the person who asked. */
  by: z.string(),
  /** The diff asked about. */
  diffSha256: z.string(),
});

/** A piece of the reviewer model's answer as it streams; `seq` counts from 1 within one explanation. */
export const explanationChunkPayloadSchema = z.object({
  explanationId: z.string(),
  seq: z.number().int(),
  text: z.string(),
});

/** The whole answer, kept with the question so the exchange reads on its own. */
export const explanationAnsweredPayloadSchema = z.object({
  explanationId: z.string(),
  question: z.string(),
  file: z.string().optional(),
  lines: explainedLinesSchema.optional(),
  answer: z.string(),
  /** The model layer's label for the reviewer's model. */
  model: z.string(),
});

/** Why a question got no answer (no model, a budget, the diff moved on), for the reviewer to read. */
export const explanationFailedPayloadSchema = z.object({
  explanationId: z.string(),
  message: z.string(),
  /** The budget that stopped the model call. */
  budget: budgetReachedSchema.optional(),
});

/** The planner asked the requester a question instead of planning; the task waits for the answer (ADR 0026). */
export const clarificationRequestedPayloadSchema = z.object({
  question: z.string(),
  /** Suggested answers, shown as buttons; absent when the question is open. */
  options: z.array(z.string()).optional(),
  classification: taskClassificationSchema,
  /** 1 for the task attempt's first question. */
  questionNumber: z.number().int(),
  /** How many questions the planner may ask in all. */
  maxQuestions: z.number().int(),
});

/** Someone answered the planner's question; the task plans again with the answer. */
export const clarificationAnsweredPayloadSchema = z.object({
  answer: z.string(),
  /** The login of the person who answered. */
  answeredBy: z.string(),
  via: z.enum(CLARIFICATION_CHANNELS),
  questionNumber: z.number().int(),
});

/**
 * One call of an MCP server's tool (ADR 0029). `args` are redacted and truncated; the result is
 * given only as its size, since the task's events are kept and streamed.
 */
export const mcpToolCalledPayloadSchema = z.object({
  server: z.string(),
  tool: z.string(),
  role: z.enum(['planner', 'coder']),
  args: z.record(z.string(), z.unknown()),
  resultBytes: z.number().int().min(0),
  durationMs: z.number().min(0),
  /** False when the tool reported an error or the server was cut off. */
  ok: z.boolean(),
  /** The server misbehaved (timed out, crashed, malformed or oversized answer) and no longer serves the task. */
  cutOff: z.boolean(),
  error: z.string().optional(),
  round: z.number().int().optional(),
});

/** The diff just prepared, read against the approved plan (ADR 0031); raised right after `diff_ready`. */
export const planConformancePayloadSchema = planConformanceReportSchema;
/** A best-of-N candidate began its coding ⇄ validation loop in its own sandbox (ADR 0034). */
export const candidateStartedPayloadSchema = z.object({
  candidate: z.number().int().min(1),
  of: z.number().int().min(2),
});

/** A candidate's loop ended: its verdict, tests and the size of its change. */
export const candidateFinishedPayloadSchema = z.object({
  candidate: z.number().int().min(1),
  of: z.number().int().min(2),
  done: z.boolean(),
  rounds: z.number().int().min(0),
  tests: z.object({ passed: z.number().int(), failed: z.number().int() }).nullable(),
  newFailures: z.number().int().min(0),
  changedLines: z.number().int().min(0),
  /** Why the candidate stopped without a verdict (its sandbox could not be made, an agent failed). */
  error: z.string().optional(),
});

/** The candidate whose change the task carries on with: chosen by the supervisor's rule, or by a reviewer. */
export const candidateSelectedPayloadSchema = z.object({
  candidate: z.number().int().min(1),
  of: z.number().int().min(2),
  by: z.enum(['supervisor', 'reviewer']),
  /** The reviewer's login when a reviewer chose. */
  reviewer: z.string().optional(),
  /** Why this one, in words (the rule that decided). */
  reason: z.string(),
});

/** The payload schema of every task-event type. */
export const TASK_EVENT_PAYLOAD_SCHEMAS = {
  status_changed: statusChangedPayloadSchema,
  agent_thought: agentThoughtPayloadSchema,
  plan_ready: planReadyPayloadSchema,
  file_modified: fileModifiedPayloadSchema,
  command_executed: commandExecutedPayloadSchema,
  test_results: testResultsPayloadSchema,
  checkpoint_reached: checkpointReachedPayloadSchema,
  diff_ready: diffReadyPayloadSchema,
  pr_created: prCreatedPayloadSchema,
  audio_ready: audioReadyPayloadSchema,
  error: errorPayloadSchema,
  clarification_requested: clarificationRequestedPayloadSchema,
  clarification_answered: clarificationAnsweredPayloadSchema,
  constraint_added: constraintAddedPayloadSchema,
  explanation_requested: explanationRequestedPayloadSchema,
  explanation_chunk: explanationChunkPayloadSchema,
  explanation_answered: explanationAnsweredPayloadSchema,
  explanation_failed: explanationFailedPayloadSchema,
  mcp_tool_called: mcpToolCalledPayloadSchema,
  plan_conformance: planConformancePayloadSchema,
  egress_report: egressReportPayloadSchema,
  check_completed: checkCompletedPayloadSchema,
  check_waived: checkWaivedPayloadSchema,
  candidate_started: candidateStartedPayloadSchema,
  candidate_finished: candidateFinishedPayloadSchema,
  candidate_selected: candidateSelectedPayloadSchema,
} as const;
