import { applyDecorators } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * Documents a request body in the OpenAPI document from the same zod schema that validates it,
 * so the published contract cannot drift from what the API accepts.
 */
export function ApiZodBody(schema: z.ZodType): MethodDecorator {
  const jsonSchema = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Record<
    string,
    unknown
  >;
  delete jsonSchema['$schema'];
  return applyDecorators(ApiBody({ schema: jsonSchema }));
}
