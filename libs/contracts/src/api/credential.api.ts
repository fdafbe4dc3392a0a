import { z } from 'zod';

export const CREDENTIAL_OWNERS = ['organisation', 'user'] as const;

/** True when a URL carries a user name or password (`https://user:secret@host/…`). */
export function urlHasUserinfo(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

export const storeCredentialRequestSchema = z.strictObject({
  owner: z.enum(CREDENTIAL_OWNERS),
  provider: z.string().regex(/^[a-z0-9-]{1,40}$/, 'provider must be lowercase letters, digits or dashes'),
  apiKey: z.string().min(8, 'apiKey looks too short').max(4_096),
  // Every member sees a credential's baseUrl, while only the key is sealed: a password in the
  // URL would be shown to all of them.
  baseUrl: z
    .url()
    .max(2_000)
    .refine(
      (value) => !urlHasUserinfo(value),
      'baseUrl must not contain a user name or password: put secrets in apiKey, not in baseUrl',
    )
    .optional(),
});
export type StoreCredentialRequest = z.infer<typeof storeCredentialRequestSchema>;

/** What the API shows of a stored key: never the key, only its last four characters. */
export interface CredentialView {
  id: string;
  owner: (typeof CREDENTIAL_OWNERS)[number];
  provider: string;
  /** Never with a user name or password, even for a row stored before they were refused. */
  baseUrl: string | null;
  keyLastFour: string;
  createdAt: string;
}
