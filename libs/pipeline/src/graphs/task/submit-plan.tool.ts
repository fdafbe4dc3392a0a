import { planSchema, taskClassificationSchema } from '@patchbay/contracts';
import { z } from 'zod';

/**
 * What the planner submits: the plan and its reading of the request. The classification is
 * optional so a recorded (scripted) plan from before it existed still validates.
 */
export const plannerSubmissionSchema = planSchema.extend({ classification: taskClassificationSchema.optional() });

/** The planner's one tool, in the OpenAI function format every compatible endpoint accepts. */
export const SUBMIT_PLAN_TOOL = {
  type: 'function' as const,
  function: {
    name: 'submit_plan',
    description:
      'Submit the implementation plan: a one-paragraph summary, ordered, concrete steps, each naming the files it touches, ' +
      'and the target tests: the tests that must pass for the task to be done, named exactly as the test runner reports them. ' +
      'Classify the request: feature, bug_fix, refactor or docs.',
    parameters: z.toJSONSchema(plannerSubmissionSchema, { target: 'openapi-3.0', io: 'input' }) as Record<
      string,
      unknown
    >,
  },
};
