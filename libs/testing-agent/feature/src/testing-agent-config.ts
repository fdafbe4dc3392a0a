import { z } from 'zod';

/** What the testing agent reads from the environment; validated at boot by {@link loadConfig}. */
export const testingAgentConfigSchema = z.object({
  SANDBOX_URL: z.url({ message: 'SANDBOX_URL must be the sandbox service URL, e.g. http://127.0.0.1:3100' }),
  SANDBOX_TOKEN: z.string().min(16, 'SANDBOX_TOKEN must be the sandbox service token (at least 16 characters)'),
  /** Wall-clock limit for one test run; the sandbox kills the command at the limit. */
  TEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(6 * 60 * 60_000)
    .default(15 * 60_000),
  LINT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(6 * 60 * 60_000)
    .default(5 * 60_000),
});
export type TestingAgentConfig = z.infer<typeof testingAgentConfigSchema>;
