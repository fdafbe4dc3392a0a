import { z } from 'zod';

export const QUOTA_KINDS = [
  'tasks_per_day',
  'concurrent_tasks',
  'pull_requests_per_day',
  'candidates_per_task',
] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

export const DEFAULT_QUOTA_LIMITS: Readonly<Record<QuotaKind, number>> = {
  tasks_per_day: 20,
  concurrent_tasks: 3,
  pull_requests_per_day: 10,
  /** Best-of-N (ADR 0034): the most parallel coding attempts one task may ask for; each has its own sandbox and model calls. */
  candidates_per_task: 3,
};

export const QUOTA_SCOPES = ['organisation', 'user'] as const;
export type QuotaScope = (typeof QUOTA_SCOPES)[number];

export const setQuotaRequestSchema = z
  .strictObject({
    scope: z.enum(QUOTA_SCOPES),
    /** The user the limit applies to; required when scope is "user". */
    userId: z.uuid().optional(),
    kind: z.enum(QUOTA_KINDS),
    limit: z.number().int().min(0).max(100_000),
  })
  .refine((body) => body.scope === 'organisation' || body.userId !== undefined, {
    message: 'userId is required when scope is "user"',
    path: ['userId'],
  });
export type SetQuotaRequest = z.infer<typeof setQuotaRequestSchema>;
