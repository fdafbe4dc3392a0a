import { backlogChangesSchema } from '@patchbay/contracts';
import { z } from 'zod';

/** The backlog planner's one tool, in the OpenAI function format: its arguments are the patch (the base version is added by Patchbay). */
export const PROPOSE_PATCH_TOOL = {
  type: 'function' as const,
  function: {
    name: 'propose_patch',
    description:
      'Propose changes to the project task tree as a patch: a one-sentence summary and operations applied in order. ' +
      'create: a new task with a tempId (e.g. "t1"), a parent (an existing task id, a tempId created earlier in this patch, or null for the top level), ' +
      'a title, a description and acceptance criteria. update: an existing task by id, only the fields that change; parent moves it. ' +
      'delete: an existing task by id; delete or move its sub-tasks in earlier operations first.',
    parameters: z.toJSONSchema(backlogChangesSchema, { target: 'openapi-3.0', io: 'input' }) as Record<string, unknown>,
  },
};
