import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { SandboxBadRequestError } from './sandbox-errors';

/** Validates a body or query against a contract schema; the 400 names every offending field. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    throw new SandboxBadRequestError(problems.join('; '));
  }
}
