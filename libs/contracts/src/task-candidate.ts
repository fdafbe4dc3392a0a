import { z } from 'zod';

/**
 * Best-of-N attempts (issue 17, ADR 0034): a task may run N coding attempts ("candidates") in
 * parallel sandboxes; the supervisor keeps the best one, the reviewer may pick another.
 */

/** The most candidates any request may name; an organisation's quota (`candidates_per_task`) is usually lower. */
export const MAX_TASK_CANDIDATES = 10;

export const TASK_CANDIDATE_STATUSES = ['running', 'finished', 'failed'] as const;
export type TaskCandidateStatus = (typeof TASK_CANDIDATE_STATUSES)[number];

/** Who chose the candidate whose change the task carries on with. */
export const CANDIDATE_SELECTORS = ['supervisor', 'reviewer'] as const;
export type CandidateSelector = (typeof CANDIDATE_SELECTORS)[number];

/** A candidate as the API and the dashboard show it (GET /tasks/:id/candidates). */
export interface TaskCandidateView {
  /** 1-based; `POST /tasks/:id/candidates/:index/select` takes it. */
  index: number;
  status: TaskCandidateStatus;
  selected: boolean;
  /** The verdict of its last validation: done means every target test passes and nothing new fails. */
  done: boolean;
  /** Required checks on its change; null when none were run for it. */
  checksPassed: boolean | null;
  rounds: number;
  tests: { passed: number; failed: number } | null;
  newFailures: number;
  failingTargetTests: number;
  /** Lines added plus lines removed by its change. */
  changedLines: number;
  filesChanged: string[];
  /** Its change against the base commit; empty when it changed nothing. */
  diff: string;
  diffSha256: string | null;
  /** Why a failed candidate stopped. */
  error: string | null;
  finishedAt: string | null;
}

/** The `:index` of `/tasks/:id/candidates/:index/select`. */
export const candidateIndexParamSchema = z.coerce
  .number({ error: 'index must be a number' })
  .int('index must be a whole number')
  .min(1, 'index must be at least 1')
  .max(MAX_TASK_CANDIDATES, `index must be at most ${MAX_TASK_CANDIDATES}`);
