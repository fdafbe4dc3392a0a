/** Speech could not be produced; the message says which engine and why, for the task's warning event. */
export class SpeechSynthesisError extends Error {
  override readonly name = 'SpeechSynthesisError';

  constructor(
    readonly provider: string,
    message: string,
  ) {
    super(`${provider}: ${message}`);
  }
}
