import { z } from 'zod';
import { MAX_TARGET_TESTS, planStepSchema, targetTestSchema } from '../plan';
import { TASK_STATUSES } from '../task-status';
import { repositoryRefSchema } from './repository-ref';
import { taskBudgetRequestSchema } from '../budget';
import { MAX_REVIEW_COMMENTS, reviewCommentSchema } from './plan-review.api';
import { resumeActionSchema } from '../recovery-action';
import { MAX_CLARIFICATION_ANSWER_LENGTH } from '../clarification';
import { MAX_TASK_CANDIDATES } from '../task-candidate';

export const MAX_PROMPT_LENGTH = 20_000;
export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export { repositoryRefSchema } from './repository-ref';

/** A git ref name, restricted to characters that cannot smuggle options or path traversal. */
export const branchNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$/, 'baseBranch is not a valid branch name');

export const taskConstraintsSchema = z.strictObject({
  avoidFiles: z.array(z.string().min(1).max(1_000)).max(500).optional(),
  maxFilesChanged: z.number().int().min(1).max(1_000).optional(),
});
export type TaskConstraints = z.infer<typeof taskConstraintsSchema>;

export const autoApproveSchema = z.strictObject({
  plan: z.boolean().optional(),
  diff: z.boolean().optional(),
});

export const createTaskRequestSchema = z.strictObject({
  repository: repositoryRefSchema,
  baseBranch: branchNameSchema.optional(),
  prompt: z
    .string({ error: 'prompt must be a string' })
    .trim()
    .min(1, 'prompt must not be empty')
    .max(MAX_PROMPT_LENGTH, `prompt must be at most ${MAX_PROMPT_LENGTH} characters`),
  constraints: taskConstraintsSchema.optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  autoApprove: autoApproveSchema.optional(),
  model: z.string().min(1).max(200).optional(),
  /** The task's own budget; bounded by the organisation's task budget unless an admin asks. */
  budget: taskBudgetRequestSchema.optional(),
  /**
   * Best-of-N (ADR 0034): how many coding attempts run in parallel sandboxes after the plan is
   * approved; 1 (the default) is a single attempt. Above the organisation's `candidates_per_task`
   * quota the request is refused (422).
   */
  candidates: z
    .number({ error: 'candidates must be a number' })
    .int('candidates must be a whole number')
    .min(1, 'candidates must be at least 1')
    .max(MAX_TASK_CANDIDATES, `candidates must be at most ${MAX_TASK_CANDIDATES}`)
    .optional(),
});
export type CreateTaskRequest = z.infer<typeof createTaskRequestSchema>;

export const listTasksQuerySchema = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  repository: repositoryRefSchema.optional(),
  createdBy: z.uuid().optional(),
  /** Case-insensitive text the prompt contains. */
  search: z
    .string()
    .trim()
    .min(1, 'search must not be empty')
    .max(200, 'search must be at most 200 characters')
    .optional(),
  /** Tasks created at or after this instant. */
  createdFrom: z.iso.datetime({ offset: true, error: 'createdFrom must be an ISO 8601 date-time' }).optional(),
  /** Tasks created before this instant. */
  createdBefore: z.iso.datetime({ offset: true, error: 'createdBefore must be an ISO 8601 date-time' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

export const approvePlanRequestSchema = z.strictObject({
  /** Edited steps (reordered, reworded, dropped); omitted to approve the plan as proposed. */
  steps: z.array(planStepSchema).min(1).max(100).optional(),
  /**
   * Edited target tests (added, renamed, removed); omitted to keep the proposed ones. An empty
   * list approves the plan without target tests.
   */
  targetTests: z.array(targetTestSchema).max(MAX_TARGET_TESTS).optional(),
  /**
   * The plan version the reviewer opened (optimistic concurrency, ADR 0017). When the task's plan
   * has moved on since — another reviewer's edits, a re-plan — the approval is refused with 409
   * naming the newer version and who made it, instead of silently overriding it.
   */
  baseVersion: z.number().int().min(1, 'baseVersion must be at least 1').max(2_147_483_647).optional(),
});
export type ApprovePlanRequest = z.infer<typeof approvePlanRequestSchema>;

export const rejectRequestSchema = z.strictObject({
  feedback: z
    .string()
    .trim()
    .min(1, 'feedback must not be empty')
    .max(10_000, 'feedback must be at most 10000 characters'),
  /** Inline comments on the diff, kept with the decision so the record shows them after it is sent (diff only). */
  comments: z
    .array(reviewCommentSchema)
    .max(MAX_REVIEW_COMMENTS, `at most ${MAX_REVIEW_COMMENTS} inline comments`)
    .optional(),
  /** The plan version the reviewer rejected (plan only); see approvePlanRequestSchema. */
  baseVersion: z.number().int().min(1, 'baseVersion must be at least 1').max(2_147_483_647).optional(),
});
export type RejectRequest = z.infer<typeof rejectRequestSchema>;

/** Event sequence numbers are 32-bit integers in the database; a larger cursor can only be forged. */
export const EVENT_SEQ_MAX = 2_147_483_647;

export const taskEventsQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).max(EVENT_SEQ_MAX, `after must be at most ${EVENT_SEQ_MAX}`).default(0),
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
});

export interface TaskView {
  id: string;
  repository: string;
  baseBranch: string;
  prompt: string;
  status: string;
  priority: TaskPriority;
  constraints: TaskConstraints;
  autoApprove: { plan: boolean; diff: boolean };
  model: string | null;
  /** Best-of-N: how many coding attempts the task runs in parallel (1: a single one). */
  candidates?: number;
  createdBy: string;
  attempt: number;
  createdAt: string;
  updatedAt: string;
  /** The task's OpenTelemetry trace id, to look it up in Jaeger/Tempo; null when tracing was off. */
  traceId?: string | null;
  /** Who asked for the task, as every member of the organisation may see it (never an e-mail or a token). */
  author?: TaskAuthorView | null;
  /** The task's pull request in brief, for lists; the whole of it is at GET /tasks/:id/pull-request. */
  pullRequest?: TaskPullRequestSummary | null;
}

/** GET /reviews/awaiting-me: the tasks waiting for a decision the caller may give, longest wait first. */
export interface AwaitingReviewView {
  items: TaskView[];
  count: number;
}

export interface TaskAuthorView {
  login: string;
  displayName: string | null;
}

export interface TaskPullRequestSummary {
  number: number;
  /** A GitHub URL, or for the local forge a path in the dashboard. */
  url: string;
  state: 'open' | 'closed' | 'merged';
  draft: boolean;
  headBranch: string;
}

export interface TaskPage {
  items: TaskView[];
  nextCursor: string | null;
}

export const resumeTaskRequestSchema = z.strictObject({
  /** One of RESUME_ACTIONS; the legacy `fix` is still accepted and means `fix_it`. */
  action: resumeActionSchema,
  note: z.string().trim().max(10_000).optional(),
});
export type ResumeTaskRequest = z.infer<typeof resumeTaskRequestSchema>;

/** `POST /tasks/:id/clarification`: the answer to the planner's question. */
export const answerClarificationRequestSchema = z.strictObject({
  answer: z.string().trim().min(1, 'an answer is needed').max(MAX_CLARIFICATION_ANSWER_LENGTH),
});
export type AnswerClarificationRequest = z.infer<typeof answerClarificationRequestSchema>;

export interface PullRequestView {
  number: number;
  url: string;
  headBranch: string;
  baseBranch: string;
  headSha: string | null;
  state: 'open' | 'closed' | 'merged';
  draft: boolean;
  body: string;
  createdAt: string;
  /** Whether Patchbay itself is the forge (merged here) or GitHub is (merged there, at `url`). */
  forge?: 'local' | 'github';
}

/** POST /tasks/:id/pull-request/merge answers the merged pull request and how it was merged. */
export interface MergedPullRequestView extends PullRequestView {
  mergedSha: string;
  fastForward: boolean;
}

/** GET /tasks/:id/outputs/:artifactId — a command's whole stdout and stderr (secrets masked, ANSI kept). */
export const commandOutputViewSchema = z.object({ stdout: z.string(), stderr: z.string() });
export type CommandOutputView = z.infer<typeof commandOutputViewSchema>;
