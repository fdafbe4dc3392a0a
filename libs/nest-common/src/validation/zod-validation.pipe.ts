import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { describeZodError } from './describe-zod-error';

/**
 * Validates a request body, query or parameter against a contracts schema at the edge. A failure
 * is a 400 whose message names the offending fields (describeZodError); each service's exception
 * filter turns it into its `{ statusCode, error, message }` body.
 */
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.output<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown): z.output<Schema> {
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) throw new BadRequestException(describeZodError(result.error));
    return result.data;
  }
}
