import { z } from 'zod';
import { planSchema } from '../plan';
import { agentRequestSchema } from './agent-rpc';
import { githubTaskLinkSchema } from './github';

export const testFailureSchema = z.object({
  name: z.string(),
  file: z.string().optional(),
  message: z.string(),
});
export type TestFailure = z.infer<typeof testFailureSchema>;

/** One run of a repository's tests (and linters) as the testing agent reports it. */
export const testRunSummarySchema = z.object({
  framework: z.string(),
  command: z.string(),
  exitCode: z.number().int().nullable(),
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
  skipped: z.number().int().min(0),
  failures: z.array(testFailureSchema),
  durationMs: z.number().int().min(0),
  outputTail: z.string(),
});
export type TestRunSummary = z.infer<typeof testRunSummarySchema>;

export const runValidationCommandSchema = agentRequestSchema.extend({
  sandboxId: z.string().min(1),
  phase: z.enum(['baseline', 'after']),
  /** Repository settings override detection. */
  testCommand: z.string().nullable().optional(),
  lintCommand: z.string().nullable().optional(),
});
export type RunValidationCommand = z.infer<typeof runValidationCommandSchema>;

export const validationResultSchema = z.object({
  tests: testRunSummarySchema,
  lint: testRunSummarySchema.nullable(),
});
export type ValidationResult = z.infer<typeof validationResultSchema>;

export const runCodingStepCommandSchema = agentRequestSchema.extend({
  organisationId: z.uuid(),
  userId: z.uuid(),
  sandboxId: z.string().min(1),
  prompt: z.string(),
  plan: planSchema,
  /** New test failures from the previous round, or a human's requested changes. */
  feedback: z.string().optional(),
  round: z.number().int().min(1),
  constraints: z.object({ avoidFiles: z.array(z.string()).optional(), maxFilesChanged: z.number().int().optional() }),
  model: z.string().nullable().optional(),
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
