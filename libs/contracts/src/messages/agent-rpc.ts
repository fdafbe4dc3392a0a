import { z } from 'zod';
import { budgetReachedSchema } from '../budget';

/**
 * The four error categories of the product: each says what the platform does next.
 * transient → retried with backoff; user_correctable → the task pauses for a corrected input;
 * code_logic → the coding agent iterates; security → the task aborts.
 */
export const ERROR_CATEGORIES = ['transient', 'user_correctable', 'code_logic', 'security'] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export const agentErrorSchema = z.object({
  category: z.enum(ERROR_CATEGORIES),
  message: z.string(),
  recoverable: z.boolean(),
  /** Set when a model call was refused because a budget is reached: the task pauses until it is raised. */
  budget: budgetReachedSchema.optional(),
});
export type AgentError = z.infer<typeof agentErrorSchema>;

/**
 * Every request the supervisor sends to an agent carries a `requestId` that is stable across
 * replays of the same graph step, so an agent that already answered can answer again without
 * doing the work twice.
 */
export const agentRequestSchema = z.object({
  requestId: z.string().min(1).max(300),
  taskId: z.uuid(),
});

export const agentReplySchema = z.object({
  requestId: z.string().min(1).max(300),
  taskId: z.uuid(),
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: agentErrorSchema.optional(),
});
export type AgentReply = z.infer<typeof agentReplySchema>;
