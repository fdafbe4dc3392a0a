import { classifyAddress, type AddressClass } from '@patchbay/network-address';

/** Why an import URL's host may not be contacted; null when it may. */
export type RefusedAddressKind = AddressClass;

/**
 * Judges one resolved address of an import URL's host. Loopback, link-local, multicast and the
 * host's own interface addresses are never contacted (the gateway's neighbours on 127.0.0.1, the
 * metadata service, a service bound to 0.0.0.0 reached through the host's public address);
 * private ranges only when the operator allows them (an in-house git server).
 */
export function refusedAddressKind(ip: string, allowPrivate: boolean): RefusedAddressKind | null {
  const kind = classifyAddress(ip);
  return kind === 'private' && allowPrivate ? null : kind;
}
