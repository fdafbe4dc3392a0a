import { planSchema } from '@patchbay/contracts';
import { z } from 'zod';

/** The planner's one tool, in the OpenAI function format every compatible endpoint accepts. */
export const SUBMIT_PLAN_TOOL = {
  type: 'function' as const,
  function: {
    name: 'submit_plan',
    description:
      'Submit the implementation plan: a one-paragraph summary, ordered, concrete steps, each naming the files it touches, ' +
      'and the target tests: the tests that must pass for the task to be done, named exactly as the test runner reports them.',
    parameters: z.toJSONSchema(planSchema, { target: 'openapi-3.0', io: 'input' }) as Record<string, unknown>,
  },
};
