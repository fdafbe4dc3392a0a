import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CredentialView, StoreCredentialRequest } from '@patchbay/contracts';
import { CredentialRepository, type ModelCredentialEntity } from '@patchbay/persistence';
import { StoredModelKeys } from '@patchbay/pipeline-services';
import { credentialAad, lastFour, sealSecret, type KeyProvider } from '@patchbay/secrets';
import type { SessionUser } from '../common/session-user';
import { stripUrlUserinfo } from './strip-url-userinfo';

export const KEY_PROVIDERS = Symbol('KEY_PROVIDERS');

function toView(entity: ModelCredentialEntity): CredentialView {
  return {
    id: entity.id,
    owner: entity.userId ? 'user' : 'organisation',
    provider: entity.provider,
    baseUrl: entity.baseUrl === null ? null : stripUrlUserinfo(entity.baseUrl),
    keyLastFour: entity.keyLastFour,
    createdAt: entity.createdAt.toISOString(),
  };
}

/**
 * Model provider keys, sealed with envelope encryption before they touch the database and bound
 * to their owner (AAD), so a ciphertext copied onto another organisation's row will not open.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly credentials: CredentialRepository,
    /** The current provider first; retired ones after it, so rotated keys still open. */
    @Inject(KEY_PROVIDERS) private readonly providers: readonly KeyProvider[],
  ) {}

  /** Stores the caller's key, or an organisation-wide one (admins only). */
  async store(user: SessionUser, request: StoreCredentialRequest): Promise<CredentialView> {
    if (request.owner === 'organisation' && user.role !== 'admin')
      throw new ForbiddenException('Only admins can store organisation-wide keys');
    const { organisationId, userId } = user;
    const ownerUserId = request.owner === 'user' ? userId : null;
    const sealed = await sealSecret(
      this.providers[0],
      request.apiKey,
      credentialAad({ organisationId, userId: ownerUserId, provider: request.provider }),
    );
    const entity = await this.credentials.insert({
      organisationId,
      userId: ownerUserId,
      provider: request.provider,
      baseUrl: request.baseUrl ?? null,
      ...sealed,
      keyLastFour: lastFour(request.apiKey),
    });
    return toView(entity);
  }

  async list(organisationId: string, userId: string): Promise<CredentialView[]> {
    return (await this.credentials.listVisible(organisationId, userId)).map(toView);
  }

  async remove(user: SessionUser, id: string): Promise<{ id: string }> {
    const entity = await this.credentials.findById(user.organisationId, id);
    // An organisation key is the admins' to remove; a personal key only its owner's.
    if (!entity || (entity.userId === null ? user.role !== 'admin' : entity.userId !== user.userId))
      throw new NotFoundException(`No credential with id ${id}`);
    await this.credentials.delete(id);
    return { id };
  }

  /** The plaintext key for the model layer: the user's own key wins over the organisation's. */
  resolveApiKey(organisationId: string, userId: string, provider: string): Promise<string | null> {
    return new StoredModelKeys(this.credentials, this.providers).find(organisationId, userId, provider);
  }
}
