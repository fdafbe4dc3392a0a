/** Speech settings are missing or malformed; `variable` names the setting to fix. */
export class SpeechConfigError extends Error {
  override readonly name = 'SpeechConfigError';

  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}
