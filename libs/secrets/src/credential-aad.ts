export interface CredentialOwnerRef {
  organisationId: string;
  /** Null for an organisation-wide credential. */
  userId: string | null;
  provider: string;
}

/**
 * Additional authenticated data binding a sealed credential to its owner: copying the encrypted
 * columns onto another organisation's or user's row makes them fail to open instead of lending
 * that owner the key.
 */
export function credentialAad(owner: CredentialOwnerRef): string {
  return JSON.stringify(['patchbay/model-credential/v1', owner.organisationId, owner.userId, owner.provider]);
}
