import { clarifyingQuestionSchema } from '@patchbay/contracts';
import { z } from 'zod';

/**
 * The planner's way to ask the requester instead of guessing (ADR 0026). Offered only while the
 * task has questions left; the task then waits for the answer and plans again with it.
 */
export const ASK_USER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'ask_user',
    description:
      'Ask the person who requested the task one question, instead of planning, when the request is ambiguous in a way the ' +
      'repository cannot settle (which of two behaviours they want, which part they mean). Give options when the likely ' +
      'answers are few. Classify the request. Planning stops until they answer; do not ask what you can find out by reading the code.',
    parameters: z.toJSONSchema(clarifyingQuestionSchema, { target: 'openapi-3.0', io: 'input' }) as Record<
      string,
      unknown
    >,
  },
};
