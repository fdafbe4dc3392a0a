import { z } from 'zod';

/** Settings of the services that work on a task's sandbox: supervisor, coding, testing and github agents. */
export const pipelineServiceConfigSchema = z.object({
  SANDBOX_URL: z
    .url('SANDBOX_URL must be the sandbox service URL, e.g. http://127.0.0.1:3100')
    .default('http://127.0.0.1:3100'),
  SANDBOX_TOKEN: z.string().min(16, 'SANDBOX_TOKEN must be the sandbox service token (at least 16 characters)'),
  /** Coding → validation rounds before a task pauses for a human. */
  MAX_VALIDATION_ROUNDS: z.coerce.number().int().min(1).max(20).default(3),
  /** Model turns per coding round. */
  CODING_STEP_BUDGET: z.coerce.number().int().min(1).max(500).default(40),
  CODING_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(30 * 60_000),
  VALIDATION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(20 * 60_000),
  PUBLISH_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(5 * 60_000),
  /**
   * How long a task waiting for a human (plan or diff approval, a pause) keeps its sandbox; after
   * that the sandbox service removes it and resuming the task fails with a request to retry.
   */
  SANDBOX_PAUSED_TTL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(24 * 60 * 60_000)
    .default(60 * 60_000),
});

export type PipelineServiceConfig = z.infer<typeof pipelineServiceConfigSchema>;
