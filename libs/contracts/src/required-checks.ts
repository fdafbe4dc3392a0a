import { z } from 'zod';

/**
 * A check's name as `.patchbay.yml`, the settings API, events, URLs
 * (`POST /tasks/:id/checks/:name/waive`) and the pull request's table write it: letters, digits,
 * `.`, `_` and `-`, starting with a letter or digit, at most 64 characters.
 */
export const REQUIRED_CHECK_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const MAX_REQUIRED_CHECKS = 20;
export const MAX_CHECK_WAIVER_REASON_LENGTH = 2_000;

export const requiredCheckNameSchema = z
  .string()
  .regex(
    REQUIRED_CHECK_NAME_PATTERN,
    'a check name is 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

/** A required check of a repository: a named command that must pass on the final diff. */
export const requiredCheckSchema = z.object({
  name: requiredCheckNameSchema,
  command: z.string().trim().min(1).max(2_000),
});
export type RequiredCheck = z.infer<typeof requiredCheckSchema>;

/** `passed`: the command exited 0 within its limit. Anything else (a non-zero exit, a timeout, a missing tool) is `failed`. */
export const REQUIRED_CHECK_STATUSES = ['passed', 'failed'] as const;
export type RequiredCheckStatus = (typeof REQUIRED_CHECK_STATUSES)[number];

/** One run of a required check as the testing agent reports it, with the whole output for the supervisor to store. */
export const requiredCheckRunSchema = requiredCheckSchema.extend({
  status: z.enum(REQUIRED_CHECK_STATUSES),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().int().min(0),
  timedOut: z.boolean(),
  /** Both streams, secrets masked, bounded by the sandbox's output cap. */
  output: z.object({ stdout: z.string(), stderr: z.string() }),
});
export type RequiredCheckRun = z.infer<typeof requiredCheckRunSchema>;

/** A human let a failed check through: who, why, when. */
export const checkWaiverSchema = z.object({
  /** The login of the person who waived it. */
  by: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type CheckWaiver = z.infer<typeof checkWaiverSchema>;

/** A required check's result on one validation run, as the task's events, the dashboard and the pull request show it. */
export const requiredCheckResultSchema = requiredCheckSchema.extend({
  /** The validation run it belongs to; a waiver names it, so it covers this run's result only. */
  runId: z.string(),
  round: z.number().int(),
  status: z.enum(REQUIRED_CHECK_STATUSES),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().int().min(0),
  timedOut: z.boolean(),
  /** The stored whole output (`GET /tasks/:id/outputs/:artifactId`); null when the command printed nothing. */
  outputArtifactId: z.string().nullable(),
  /** The end of the output, for the coder's feedback and a glance in the dashboard. */
  outputTail: z.string(),
  waiver: checkWaiverSchema.nullable(),
});
export type RequiredCheckResult = z.infer<typeof requiredCheckResultSchema>;

/** Where a change stands with its required checks. */
export interface RequiredChecksSummary {
  total: number;
  passed: number;
  waived: number;
  /** Failed and not waived: these keep the change from its diff approval. */
  blocking: RequiredCheckResult[];
  /** Every check passed (none waived): the strict reading, e.g. for choosing between candidate changes. */
  allPassed: boolean;
  /** Every check passed or was waived: the change may go to diff approval. */
  settled: boolean;
}

/** A check's duration as people read it, the same in the pull request and the dashboard: `850 ms`, `12.3 s`, `2 min 5 s`. */
export function formatCheckDuration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1_000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The one rule for "may this change go on": every required check passed, or failed and was waived. */
export function summariseRequiredChecks(results: readonly RequiredCheckResult[]): RequiredChecksSummary {
  const passed = results.filter((result) => result.status === 'passed').length;
  const waived = results.filter((result) => result.status === 'failed' && result.waiver !== null).length;
  const blocking = results.filter((result) => result.status === 'failed' && result.waiver === null);
  return {
    total: results.length,
    passed,
    waived,
    blocking,
    allPassed: passed === results.length,
    settled: blocking.length === 0,
  };
}

/** A required check ran on a validation run's change (docs/pipeline.md, "Required checks"); the supervisor records it. */
export const checkCompletedPayloadSchema = z.object({
  /** The validation run; a waiver names it. */
  runId: z.string(),
  /** The task attempt it ran in: a retry starts with no results. */
  attempt: z.number().int(),
  round: z.number().int(),
  name: z.string(),
  command: z.string(),
  status: z.enum(REQUIRED_CHECK_STATUSES),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  timedOut: z.boolean(),
  /** The whole output (GET /tasks/:id/outputs/:artifactId); null when the command printed nothing. */
  outputArtifactId: z.string().nullable(),
  outputTail: z.string(),
});

/** A person let a failed required check through (POST /tasks/:id/checks/:name/waive); audited too. */
export const checkWaivedPayloadSchema = z.object({
  runId: z.string(),
  name: z.string(),
  reason: z.string(),
  /** The login of the person who waived it. */
  waivedBy: z.string(),
});

/** What {@link latestRequiredChecks} reads: the events' payloads, a waiver with the time its event was stored. */
export type CheckCompletedRecord = z.infer<typeof checkCompletedPayloadSchema>;
export type CheckWaivedRecord = z.infer<typeof checkWaivedPayloadSchema> & { at: string };

/**
 * The required checks of the latest validation run, each with its waiver, from the task's
 * `check_completed` and `check_waived` records in the order they were stored. The latest run is
 * the one whose results came last: validation always precedes the diff, so it is the run of the
 * diff under review. A waiver counts only for the run and check it names.
 */
export function latestRequiredChecks(
  completed: readonly CheckCompletedRecord[],
  waived: readonly CheckWaivedRecord[],
): RequiredCheckResult[] {
  const last = completed.at(-1);
  if (!last) return [];
  const ofRun = completed.filter((record) => record.runId === last.runId);
  // A replayed validation may record a check twice; the last record of a name wins.
  const byName = new Map(ofRun.map((record) => [record.name, record]));
  return [...byName.values()].map((record) => {
    const waiver = waived.filter((w) => w.runId === record.runId && w.name === record.name).at(-1);
    return {
      name: record.name,
      command: record.command,
      runId: record.runId,
      round: record.round,
      status: record.status,
      exitCode: record.exitCode,
      durationMs: record.durationMs,
      timedOut: record.timedOut,
      outputArtifactId: record.outputArtifactId,
      outputTail: record.outputTail,
      waiver: waiver ? { by: waiver.waivedBy, reason: waiver.reason, at: waiver.at } : null,
    };
  });
}

/** `GET /tasks/:id/checks` and the answer to a waiver: the latest run's checks, and whether the change may go on. */
export interface RequiredChecksView {
  checks: RequiredCheckResult[];
  settled: boolean;
}

/** `POST /tasks/:id/checks/:name/waive`: let a failed required check through, with the reason on record. */
export const waiveCheckRequestSchema = z.strictObject({
  reason: z
    .string({ error: 'reason: say why the failed check may be let through' })
    .trim()
    .min(1, 'reason: say why the failed check may be let through')
    .max(MAX_CHECK_WAIVER_REASON_LENGTH),
});
export type WaiveCheckRequest = z.infer<typeof waiveCheckRequestSchema>;
