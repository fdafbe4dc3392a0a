import { z } from 'zod';
import { LINT_MODES } from '../lint-mode';
import { planSchema } from '../plan';
import { requiredCheckRunSchema, requiredCheckSchema } from '../required-checks';
import { budgetLineSchema } from '../budget';
import { addedConstraintSchema } from '../task-constraint';
import { codingMcpServerSchema } from '../sandbox/mcp-api.contract';
import { agentRequestSchema } from './agent-rpc';
import { githubTaskLinkSchema } from './github';

export const testFailureSchema = z.object({
  name: z.string(),
  file: z.string().optional(),
  message: z.string(),
});
export type TestFailure = z.infer<typeof testFailureSchema>;

/** A test as a runner names it (the identity part of {@link TestFailure}). */
export const testIdSchema = testFailureSchema.pick({ name: true, file: true });
export type TestId = z.infer<typeof testIdSchema>;

/**
 * How finely a run's results are known. `per_test`: from the runner's report, every test named.
 * `counts`: from the runner's summary ("Tests: 2 failed, 5 passed"); failures may be named, passing
 * tests are not, and each failure the output counts without naming is one {@link UNNAMED_TEST_FAILURE}.
 * `exit_code`: nothing in the output could be read, so the counts are zero and only the exit code
 * tells — which does not mean that no tests ran.
 */
export const TEST_RESULT_DETAILS = ['per_test', 'counts', 'exit_code'] as const;
export type TestResultDetail = (typeof TEST_RESULT_DETAILS)[number];

/**
 * The name of a failure the runner counted but did not name. There is one per counted failure, so
 * the baseline comparison (which matches failures by name and counts occurrences) compares counts:
 * one more of them after an edit is one new failure. It stands for no particular test.
 */
export const UNNAMED_TEST_FAILURE = 'unnamed failing test';

/** One run of a repository's tests (and linters) as the testing agent reports it. */
export const testRunSummarySchema = z.object({
  framework: z.string(),
  command: z.string(),
  exitCode: z.number().int().nullable(),
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
  skipped: z.number().int().min(0),
  failures: z.array(testFailureSchema),
  /**
   * The tests that passed, when the runner's report names them. Target tests are judged from
   * these: a target that is neither here nor among the failures was not run. Absent when the
   * output could only be read as counts or an exit code.
   */
  passedTests: z.array(testIdSchema).optional(),
  /** Absent in results recorded before it existed. */
  resultDetail: z.enum(TEST_RESULT_DETAILS).optional(),
  durationMs: z.number().int().min(0),
  outputTail: z.string(),
});
export type TestRunSummary = z.infer<typeof testRunSummarySchema>;

/** `lint`: the repository's linter. `script`: another step of the test script (`tsc` in `tsc && jest`, a `pretest` script). */
export const CHECK_KINDS = ['lint', 'script'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
/** `unavailable`: the tool is not installed in the sandbox (command not found, missing module); never a failure. */
export const CHECK_STATUSES = ['passed', 'failed', 'unavailable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** A command the testing agent ran beside the tests, reported on its own. */
export const checkRunSchema = z.object({
  kind: z.enum(CHECK_KINDS),
  /** How reports name it: `lint`, the package.json script it came from (`pretest`), or the step as written (`tsc --noEmit`). */
  name: z.string(),
  command: z.string(),
  status: z.enum(CHECK_STATUSES),
  exitCode: z.number().int().nullable(),
  /** What failed: one entry per problem a linter printed, otherwise one for the whole check; empty unless `failed`. */
  failures: z.array(testFailureSchema),
  /** Why the check could not run, when `unavailable` (`eslint: command not found`). */
  unavailableReason: z.string().optional(),
  durationMs: z.number().int().min(0),
  outputTail: z.string(),
});
export type CheckRun = z.infer<typeof checkRunSchema>;

export const runValidationCommandSchema = agentRequestSchema.extend({
  sandboxId: z.string().min(1),
  phase: z.enum(['baseline', 'after']),
  /** Repository settings override detection. */
  testCommand: z.string().nullable().optional(),
  lintCommand: z.string().nullable().optional(),
  /** Absent (requests from before the setting): the lint command when there is one, otherwise `auto`. */
  lintMode: z.enum(LINT_MODES).optional(),
  /** The repository's required checks, run after the tests on the change (never at the baseline); absent: none. */
  requiredChecks: z.array(requiredCheckSchema).optional(),
});
export type RunValidationCommand = z.infer<typeof runValidationCommandSchema>;

export const validationResultSchema = z.object({
  tests: testRunSummarySchema,
  /** The linter's problems, when a linter ran (it is also among `checks`, with its status). */
  lint: testRunSummarySchema.nullable(),
  /**
   * Every check that ran beside the tests, in the order it ran: the other steps of a compound test
   * script, and the linter — also when it was unavailable. Absent in results recorded before it
   * existed. Lint problems are judged from `lint`, the other checks' failures from here.
   */
  checks: z.array(checkRunSchema).optional(),
  /** The required checks the request named, in its order, each with its whole output; absent when it named none. */
  requiredChecks: z.array(requiredCheckRunSchema).optional(),
});
export type ValidationResult = z.infer<typeof validationResultSchema>;

export const FAILING_TEST_REASONS = ['new_failure', 'target_failing', 'target_not_run', 'preexisting_failure'] as const;
export type FailingTestReason = (typeof FAILING_TEST_REASONS)[number];

/** A test that keeps the task from being done, with what the runner printed for it. */
export const failingTestReportSchema = testIdSchema.extend({
  reason: z.enum(FAILING_TEST_REASONS),
  /** ANSI escapes stripped; long output trimmed from the middle, with a note saying how much. */
  output: z.string(),
});
export type FailingTestReport = z.infer<typeof failingTestReportSchema>;

/** What the coder needs to continue from the last validation: the workspace's state and what still fails. */
export const previousRoundSchema = z.object({
  /** The commands the testing agent ran, so the coder can reproduce the run with run_command. */
  testCommand: z.string(),
  lintCommand: z.string().nullable(),
  failingTests: z.array(failingTestReportSchema),
  /** Failing tests beyond the ones listed (kept out to stay inside the model's context window). */
  failingTestsOmitted: z.number().int().min(0),
  /** The workspace's diff against the base commit, trimmed from the middle when long. */
  diff: z.string(),
});
export type PreviousRound = z.infer<typeof previousRoundSchema>;

/**
 * What the coder starts from besides the plan: the base commit's failing tests, the command the
 * platform will judge the change by, the repository overview the planner saw, and the
 * repository's own instructions (AGENTS.md).
 */
export const codingContextSchema = z.object({
  baselineFailures: z.array(z.object({ name: z.string(), file: z.string().optional(), message: z.string() })),
  /** Failing tests of the base commit beyond the ones listed. */
  baselineFailuresOmitted: z.number().int().min(0),
  /** The test command the testing agent ran on the base commit and will run after the edits. */
  testCommand: z.string().nullable(),
  overview: z.string(),
  instructions: z.object({ text: z.string(), sources: z.array(z.string()) }),
  /** Path globs the repository keeps out of the agents' context; the read tools hide them. */
  exclude: z.array(z.string()).optional(),
  /** The task's bare repository at the base commit, where the research agent searches the docs. */
  repository: z.object({ barePath: z.string().min(1), commit: z.string().min(1) }).optional(),
});
export type CodingContext = z.infer<typeof codingContextSchema>;

export const runCodingStepCommandSchema = agentRequestSchema.extend({
  organisationId: z.uuid(),
  userId: z.uuid(),
  sandboxId: z.string().min(1),
  prompt: z.string(),
  plan: planSchema,
  /** Why the previous round is not done yet (its failing tests travel in previousRound), or a human's requested changes. */
  feedback: z.string().optional(),
  /** Set when the workspace already holds edits that were validated: the coder continues from there. */
  previousRound: previousRoundSchema.optional(),
  /** Optional because requests checkpointed before it existed lack it. */
  context: codingContextSchema.optional(),
  round: z.number().int().min(1),
  /** The rules in force: the task's own, narrowed by every constraint added so far (mergeTaskConstraints). */
  constraints: z.object({ avoidFiles: z.array(z.string()).optional(), maxFilesChanged: z.number().int().optional() }),
  /** Constraints developers added while the task ran, oldest first; their notes go to the model. */
  addedConstraints: z.array(addedConstraintSchema).optional(),
  model: z.string().nullable().optional(),
  /** The task's budget lines when the round started; a coding agent without the database stops its calls at them (ADR 0013). */
  budget: z.array(budgetLineSchema).optional(),
  /** The organisation's and repository's MCP servers (ADR 0029), remote credentials sealed; their tools join the coder's. */
  mcpServers: z.array(codingMcpServerSchema).optional(),
  /** Best-of-N (ADR 0034): which of the task's parallel attempts this round belongs to, so the attempts differ. */
  candidate: z.object({ index: z.number().int().min(1), of: z.number().int().min(2) }).optional(),
});
export type RunCodingStepCommand = z.infer<typeof runCodingStepCommandSchema>;

export const codingResultSchema = z.object({
  summary: z.string(),
  filesChanged: z.array(z.string()),
  toolCalls: z.number().int().min(0),
  stoppedBecause: z.enum(['done', 'step_budget', 'cancelled']),
});
export type CodingResult = z.infer<typeof codingResultSchema>;

export const publishChangesCommandSchema = agentRequestSchema.extend({
  repositoryId: z.uuid(),
  barePath: z.string().min(1),
  baseBranch: z.string().min(1),
  baseCommit: z.string().min(7),
  branch: z.string().min(1).max(255),
  diff: z.string().min(1),
  title: z.string().min(1).max(200),
  body: z.string(),
  draft: z.boolean(),
  author: z.object({ login: z.string(), email: z.string() }),
  /** Present for repositories on GitHub: publish there instead of the local forge. */
  github: githubTaskLinkSchema.nullable().optional(),
});
export type PublishChangesCommand = z.infer<typeof publishChangesCommandSchema>;

export const publishResultSchema = z.object({
  branch: z.string(),
  headSha: z.string(),
  filesChanged: z.array(z.string()),
  /** Set by forges that number pull requests themselves (GitHub); the local forge leaves it to the supervisor. */
  pullRequestNumber: z.number().int().nullable(),
  url: z.string().nullable(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;
