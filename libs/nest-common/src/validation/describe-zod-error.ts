import type { z } from 'zod';

/** Most problems named in one message; past these, fixing the first ones is the useful next step. */
const MAX_PROBLEMS = 5;

/** Describes the first problems of a failed parse in words a client can act on: `field: problem; …`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, MAX_PROBLEMS)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
      if (issue.code === 'unrecognized_keys')
        return `${where}: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}
