import { z } from 'zod';

export const CREDENTIAL_OWNERS = ['organisation', 'user'] as const;

export const storeCredentialRequestSchema = z.strictObject({
  owner: z.enum(CREDENTIAL_OWNERS),
  provider: z.string().regex(/^[a-z0-9-]{1,40}$/, 'provider must be lowercase letters, digits or dashes'),
  apiKey: z.string().min(8, 'apiKey looks too short').max(4_096),
  baseUrl: z.url().max(2_000).optional(),
});
export type StoreCredentialRequest = z.infer<typeof storeCredentialRequestSchema>;

/** What the API shows of a stored key: never the key, only its last four characters. */
export interface CredentialView {
  id: string;
  owner: (typeof CREDENTIAL_OWNERS)[number];
  provider: string;
  baseUrl: string | null;
  keyLastFour: string;
  createdAt: string;
}
