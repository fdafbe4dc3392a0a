import { z } from 'zod';

export const planStepSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().trim().min(1, 'a plan step needs a title').max(500),
  detail: z.string().max(10_000).default(''),
  files: z.array(z.string().max(1_000)).max(200).default([]),
  note: z.string().max(5_000).optional(),
});
export type PlanStep = z.infer<typeof planStepSchema>;

export const planSchema = z.object({
  summary: z.string().max(10_000),
  steps: z.array(planStepSchema).min(1, 'a plan needs at least one step').max(100),
});
export type Plan = z.infer<typeof planSchema>;
