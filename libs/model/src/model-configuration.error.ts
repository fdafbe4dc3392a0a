/**
 * A model setup that cannot serve the task: a missing key, a script without a turn left, a
 * recording of another task. Retrying does not help; a person has to change the configuration, so
 * the agents report it as user-correctable with the fix in the message (never a server path).
 */
export class ModelConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelConfigurationError';
  }
}
