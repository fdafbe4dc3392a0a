import { CredentialRepository } from '@patchbay/persistence';
import { credentialAad, openSecret, type KeyProvider } from '@patchbay/secrets';

/**
 * The model API key an organisation (or one of its users) stored through the API, decrypted
 * for the moment a model client is made. A user's own key wins over the organisation's; without
 * a stored key the service's configured key applies.
 */
export class StoredModelKeys {
  constructor(
    private readonly credentials: CredentialRepository,
    /** The current key provider first, retired ones after it. */
    private readonly providers: readonly KeyProvider[],
  ) {}

  async find(organisationId: string, userId: string | null, provider: string): Promise<string | null> {
    const entity = userId
      ? await this.credentials.findEffective(organisationId, userId, provider)
      : await this.credentials.findOrganisationKey(organisationId, provider);
    if (!entity) return null;
    return openSecret(this.providers, entity, credentialAad({ organisationId, userId: entity.userId, provider }));
  }
}
