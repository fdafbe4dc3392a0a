import { z } from 'zod';

/**
 * One connection the sandbox's egress proxy refused during a task, as the task keeps it: the
 * command text is shortened and has secrets masked (it came from the repository or the model, so
 * it is untrusted and is shown, never interpreted).
 */
export const egressAttemptSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /** "not allowed for this sandbox", or where the name pointed ("x resolves to 10.0.0.5, a private address"). */
  reason: z.string(),
  at: z.string(),
  /** The commands running in the sandbox at that moment; empty when none was (a background process). */
  commands: z.array(z.string()),
});
export type EgressAttempt = z.infer<typeof egressAttemptSchema>;

/**
 * Every refused egress attempt of a task's sandbox, collected when the diff is prepared (ADR 0032).
 * `monitored` is false for a sandbox with no network at all (mode `none` without allowed hosts):
 * its connection attempts fail inside gVisor and never reach the proxy, so none can be listed.
 */
export const egressReportSchema = z.object({
  monitored: z.boolean(),
  attempts: z.array(egressAttemptSchema),
  /** Attempts refused but not kept, beyond the sandbox service's per-sandbox cap. */
  dropped: z.number().int().min(0),
  collectedAt: z.string(),
});
export type EgressReport = z.infer<typeof egressReportSchema>;

/** The `egress_report` event: what the report holds, in short; the whole report is `GET /tasks/:id/egress`. */
export const egressReportPayloadSchema = z.object({
  monitored: z.boolean(),
  blocked: z.number().int().min(0),
  dropped: z.number().int().min(0),
  /** Distinct `host:port` refused, at most 20. */
  targets: z.array(z.string()),
});
