import { z } from 'zod';

/**
 * Thumbs up or down on a reviewed change (issue 20, item 5): on the whole task, or on one file of
 * its diff. One vote per person per task or file; voting again replaces the earlier vote.
 */
export const FEEDBACK_RATINGS = ['up', 'down'] as const;
export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number];

export const submitFeedbackRequestSchema = z
  .object({
    rating: z.enum(FEEDBACK_RATINGS, { error: 'rating must be "up" or "down"' }),
    /** A file of the task's diff; omitted for feedback on the task as a whole. */
    filePath: z.string().trim().min(1, 'filePath must not be empty').max(1000).optional(),
    comment: z.string().trim().max(2000, 'comment must be at most 2000 characters').optional(),
  })
  .strict();
export type SubmitFeedbackRequest = z.infer<typeof submitFeedbackRequestSchema>;

export interface FeedbackVoteView {
  /** Null for a vote on the whole task. */
  filePath: string | null;
  rating: FeedbackRating;
  comment: string | null;
  by: { id: string; login: string };
  updatedAt: string;
}

export interface FeedbackTally {
  up: number;
  down: number;
}

export interface TaskFeedbackView {
  votes: FeedbackVoteView[];
  task: FeedbackTally;
  /** One tally per file that has votes, by path. */
  files: Array<FeedbackTally & { path: string }>;
}

export const organisationReportQuerySchema = z
  .object({
    /** How far back the report looks, in days (default 30). */
    days: z.coerce.number().int().min(1, 'days must be at least 1').max(365, 'days must be at most 365').default(30),
  })
  .strict();
export type OrganisationReportQuery = z.infer<typeof organisationReportQuerySchema>;

/** Human decisions on one subject; automatic approvals are not a reviewer's verdict and are left out. */
export interface ApprovalRateView {
  approved: number;
  rejected: number;
  /** approved / (approved + rejected); null when nobody decided. */
  rate: number | null;
}

export interface OrganisationReportView {
  since: string;
  days: number;
  tasks: { created: number; completed: number; failed: number; cancelled: number };
  approvalRate: { plan: ApprovalRateView; diff: ApprovalRateView };
  /** From a pull request's creation to its merge, over the pull requests merged in the period. */
  timeToMerge: { merged: number; medianSeconds: number | null; p90Seconds: number | null };
  feedback: {
    task: FeedbackTally;
    file: FeedbackTally;
    /** Files with the most down-votes, worst first (at most 10). */
    mostDownvotedFiles: Array<FeedbackTally & { repository: string; path: string }>;
  };
}
