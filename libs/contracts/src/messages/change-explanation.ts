import { z } from 'zod';
import { explainedLinesSchema } from '../api/change-explanation.api';

/** gateway → supervisor: answer a reviewer's question about a task's diff with the reviewer model. */
export const explainChangeCommandSchema = z.object({
  taskId: z.uuid(),
  organisationId: z.uuid(),
  /** Names the `explanation_*` events of this question. */
  explanationId: z.uuid(),
  question: z.string().min(1),
  file: z.string().min(1).optional(),
  lines: explainedLinesSchema.optional(),
  /** The diff the reviewer asked about; a newer one by the time the supervisor reads it is refused. */
  diffSha256: z.string().regex(/^[0-9a-f]{64}$/),
  requestedBy: z.uuid(),
});
export type ExplainChangeCommand = z.infer<typeof explainChangeCommandSchema>;
