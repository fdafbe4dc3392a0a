import { z } from 'zod';
import type { PlanStep, TargetTest } from '../plan';

/** A reviewer's comment on one line of the diff, kept with the "Request changes" decision it was sent with. */
export const reviewCommentSchema = z.strictObject({
  path: z.string().trim().min(1, 'a comment needs the file it is on').max(1_000),
  /** `new`: a line of the changed file (added or unchanged); `old`: a removed line, by its old number. */
  side: z.enum(['old', 'new']),
  line: z.number().int().min(1, 'line must be at least 1').max(10_000_000),
  body: z.string().trim().min(1, 'a comment must not be empty').max(5_000),
});
export type ReviewComment = z.infer<typeof reviewCommentSchema>;

export const MAX_REVIEW_COMMENTS = 200;

/** Who did something, by id and login; null where the platform did it (the planner, an auto-approval). */
export interface ActorRef {
  id: string;
  login: string;
}

/** One version of a task's plan: version 1 (and each re-plan) from the planner, the others a reviewer's edits. */
export interface PlanVersionView {
  version: number;
  summary: string;
  steps: PlanStep[];
  targetTests: TargetTest[];
  contentHash: string;
  /** The reviewer whose edits made this version; null for a version the planner proposed. */
  editedBy: ActorRef | null;
  createdAt: string;
}

/** One human (or automatic) decision on a plan or a diff, with everything the reviewer said. */
export interface ApprovalRecordView {
  id: string;
  subject: 'plan' | 'diff';
  decision: 'approved' | 'rejected';
  /** The plan version decided on (plan decisions); null for a diff decision or a row from before versions were recorded. */
  planVersion: number | null;
  contentHash: string;
  feedback: string | null;
  comments: ReviewComment[];
  /** The changes outside the approved plan a diff approval acknowledged (ADR 0031); empty otherwise. */
  acknowledgedOutOfPlan: string[];
  /** Null when a task or repository setting approved it automatically. */
  decidedBy: ActorRef | null;
  decidedAt: string;
}

/** `GET /tasks/:id/review`: every plan version and every decision, oldest first. */
export interface TaskReviewRecord {
  plans: PlanVersionView[];
  approvals: ApprovalRecordView[];
}
