import { z } from 'zod';
import { CLARIFICATION_CHANNELS } from '../clarification';
import { planStepSchema, targetTestSchema } from '../plan';
import { outOfPlanAcknowledgementSchema } from '../plan-conformance';
import { resumeActionSchema } from '../recovery-action';

/** Sent once per task run; `idempotencyKey` lets the supervisor ignore a redelivered start. */
export const startTaskCommandSchema = z.object({
  taskId: z.uuid(),
  organisationId: z.uuid(),
  idempotencyKey: z.string().min(1),
  attempt: z.number().int().min(1),
});
export type StartTaskCommand = z.infer<typeof startTaskCommandSchema>;

export const APPROVAL_SUBJECTS = ['plan', 'diff'] as const;
export type ApprovalSubject = (typeof APPROVAL_SUBJECTS)[number];

export const APPROVAL_DECISIONS = ['approved', 'rejected'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

export const resolveApprovalCommandSchema = z.object({
  taskId: z.uuid(),
  approvalId: z.uuid(),
  subject: z.enum(APPROVAL_SUBJECTS),
  decision: z.enum(APPROVAL_DECISIONS),
  /** SHA-256 of the exact plan or diff the human saw. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  feedback: z.string().optional(),
  editedSteps: z.array(planStepSchema).optional(),
  /** The reviewer's target tests; absent to keep the proposed ones. */
  editedTargetTests: z.array(targetTestSchema).optional(),
  /**
   * Best-of-N (ADR 0034): at diff approval the reviewer chose another candidate (sent with
   * `decision: "rejected"` of the diff shown); the task goes on with that candidate's change.
   */
  selectCandidate: z.number().int().min(1).optional(),
  decidedBy: z.uuid(),
  /** A diff approval's acknowledgement of changes outside the plan, for the pull request (ADR 0031). */
  outOfPlanAcknowledgement: outOfPlanAcknowledgementSchema.optional(),
});
export type ResolveApprovalCommand = z.infer<typeof resolveApprovalCommandSchema>;

export const cancelTaskCommandSchema = z.object({
  taskId: z.uuid(),
  cancelledBy: z.uuid(),
});
export type CancelTaskCommand = z.infer<typeof cancelTaskCommandSchema>;

/** gateway → supervisor: what a human wants done with a paused task (a legacy `fix` in a queued command reads as `fix_it`). */
export const resumeTaskCommandSchema = z.object({
  taskId: z.uuid(),
  action: resumeActionSchema,
  note: z.string().optional(),
  resumedBy: z.uuid(),
});
export type ResumeTaskCommand = z.infer<typeof resumeTaskCommandSchema>;

/** gateway → supervisor: the answer to the planner's question; the gateway has already moved the task back to planning. */
export const answerClarificationCommandSchema = z.object({
  taskId: z.uuid(),
  answer: z.string().min(1),
  /** The login of the person who answered, quoted to the planner. */
  answeredBy: z.string().min(1),
  answeredById: z.uuid(),
  via: z.enum(CLARIFICATION_CHANNELS),
  questionNumber: z.number().int().min(1),
});
export type AnswerClarificationCommand = z.infer<typeof answerClarificationCommandSchema>;
