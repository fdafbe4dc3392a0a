import { ModelRole } from './model-role';

/**
 * A model call that cannot succeed by waiting: a non-transient answer (bad request, bad key,
 * unknown model) or a transient failure that outlasted every retry and the fallback.
 * The message names the role, the model and the endpoint's own words; `cause` keeps the original.
 */
export class ModelCallError extends Error {
  constructor(
    message: string,
    readonly details: {
      role: ModelRole;
      model: string;
      status?: number;
      transient: boolean;
      attempts: number;
      cause: unknown;
    },
  ) {
    super(message, { cause: details.cause });
    this.name = 'ModelCallError';
  }
}
