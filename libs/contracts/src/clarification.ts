import { z } from 'zod';

/**
 * What kind of request a task is, as the planner reads it (ADR 0026). Recorded with every
 * question and every plan, so a reviewer sees how the planner understood the request.
 */
export const TASK_CLASSIFICATIONS = ['feature', 'bug_fix', 'refactor', 'docs'] as const;
export type TaskClassification = (typeof TASK_CLASSIFICATIONS)[number];
export const taskClassificationSchema = z.enum(TASK_CLASSIFICATIONS);

/** How many questions the planner may ask in one task attempt; after that it must plan. */
export const MAX_CLARIFYING_QUESTIONS = 3;

/** Where an answer to a planner's question came from. */
export const CLARIFICATION_CHANNELS = ['dashboard', 'github'] as const;
export type ClarificationChannel = (typeof CLARIFICATION_CHANNELS)[number];

/** The longest answer accepted; a GitHub reply is cut to it, a dashboard answer is refused above it. */
export const MAX_CLARIFICATION_ANSWER_LENGTH = 4_000;

/** The planner's `ask_user` call as it validates: one question, optional choices, its reading of the request. */
export const clarifyingQuestionSchema = z.object({
  question: z.string().trim().min(1, 'a question is needed').max(2_000),
  /** Suggested answers the requester may pick; the requester may still answer in their own words. */
  options: z.array(z.string().trim().min(1).max(200)).max(6).optional(),
  classification: taskClassificationSchema,
});
export type ClarifyingQuestion = z.infer<typeof clarifyingQuestionSchema>;

/** A question the planner asked and the answer it got, as the next planning prompt quotes it. */
export interface Clarification {
  question: string;
  options?: string[];
  answer: string;
  /** The login of the person who answered. */
  answeredBy: string;
  via: ClarificationChannel;
}
