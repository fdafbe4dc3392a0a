import { z } from 'zod';

/** One model call's usage, as agents report it to the gateway for the usage table. */
export const usageRecordedSchema = z.object({
  organisationId: z.uuid(),
  userId: z.uuid().nullable(),
  taskId: z.uuid().nullable(),
  role: z.string().min(1).max(40),
  model: z.string().min(1).max(200),
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
  costUsd: z.number().min(0),
  durationMs: z.number().int().min(0),
  /** Chosen by the agent: the row's id, so a redelivered record is stored once and a budget check can tell a stored call from one in flight. */
  callId: z.uuid().optional(),
});
export type UsageRecorded = z.infer<typeof usageRecordedSchema>;

export interface TaskUsageView {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  modelCalls: number;
}
