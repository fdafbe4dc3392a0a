/** Key provider settings are missing or malformed; `variable` names the setting to fix. */
export class KeyProviderConfigError extends Error {
  override readonly name = 'KeyProviderConfigError';

  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}
