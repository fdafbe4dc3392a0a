import { openFromText, sealToText, type KeyProvider, type KeyProviderSource } from '@patchbay/secrets';

/** Binds a sealed key to its purpose: a sealed model credential cannot be passed off as it. */
export const GITHUB_PRIVATE_KEY_AAD = 'patchbay:github-app-private-key';

/**
 * Seals the app's private key with the platform's key provider (AWS KMS or the local master key),
 * as one base64 string that can sit in GITHUB_APP_PRIVATE_KEY_SEALED or a secret store.
 */
export function sealGithubPrivateKey(provider: KeyProvider, pem: string): Promise<string> {
  return sealToText(provider, pem, GITHUB_PRIVATE_KEY_AAD);
}

export async function openGithubPrivateKey(providers: KeyProviderSource, sealedText: string): Promise<string> {
  try {
    return await openFromText(providers, sealedText, GITHUB_PRIVATE_KEY_AAD);
  } catch (error) {
    throw new Error(
      `GITHUB_APP_PRIVATE_KEY_SEALED cannot be opened (${error instanceof Error ? error.message : String(error)}); make one with \`npm run github:seal-key -- <key.pem>\` and this deployment's key provider`,
    );
  }
}
