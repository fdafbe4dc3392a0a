import type { z } from 'zod';

/**
 * Validates a message at the consumer's edge against its contracts schema. A malformed message
 * will never become valid, so it is logged with what is wrong and dropped (acknowledged) instead
 * of being retried into the dead-letter queue.
 */
export function acceptMessage<Schema extends z.ZodType>(
  schema: Schema,
  payload: unknown,
  logger: { error(message: unknown): void },
  what: string,
): z.infer<Schema> | null {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  logger.error({
    msg: `dropping malformed ${what}`,
    issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  });
  return null;
}
