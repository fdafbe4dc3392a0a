import type { SealedMcpCredential } from '@patchbay/contracts';
import { openSecret, type KeyProviderSource } from './envelope';
import type { StoredSecret } from './sealed-secret';

/**
 * Binds a remote MCP server's sealed credential to its organisation and server row, as model keys
 * are bound to theirs: the gateway seals with it, the pipeline opens with it for a task.
 */
export function mcpCredentialAad(organisationId: string, serverId: string): string {
  return JSON.stringify(['patchbay/mcp-credential/v1', organisationId, serverId]);
}

/** A sealed credential as a message carries it (SealedMcpCredential): the envelope's parts in base64. */
export function toMcpCredentialWire(
  secret: StoredSecret,
  organisationId: string,
  serverId: string,
): SealedMcpCredential {
  return {
    keyProvider: secret.keyProvider,
    keyId: secret.keyId,
    encryptedDataKey: secret.encryptedDataKey.toString('base64'),
    iv: secret.iv.toString('base64'),
    authTag: secret.authTag.toString('base64'),
    ciphertext: secret.ciphertext.toString('base64'),
    organisationId,
    serverId,
  };
}

/** Opens a remote MCP server's credential sealed under mcpCredentialAad with its organisation and server ids. */
export function openMcpCredential(source: KeyProviderSource, wire: SealedMcpCredential): Promise<string> {
  const secret: StoredSecret = {
    keyProvider: wire.keyProvider,
    keyId: wire.keyId,
    encryptedDataKey: Buffer.from(wire.encryptedDataKey, 'base64'),
    iv: Buffer.from(wire.iv, 'base64'),
    authTag: Buffer.from(wire.authTag, 'base64'),
    ciphertext: Buffer.from(wire.ciphertext, 'base64'),
  };
  return openSecret(source, secret, mcpCredentialAad(wire.organisationId, wire.serverId));
}
