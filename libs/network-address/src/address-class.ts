import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * What kind of address an IP is, for the two places that decide whether the platform may connect
 * somewhere a user named: repository import (gateway) and the sandbox's egress proxy. Everything
 * but `private` is never reachable; `private` is for each caller's configuration to allow.
 */
export type AddressClass =
  'loopback' | 'unspecified' | 'link-local' | 'multicast' | 'reserved' | 'this host' | 'private';

type Range = [network: string, prefix: number, family: 'ipv4' | 'ipv6'];

const NEVER_REACHABLE: Array<[...Range, AddressClass]> = [
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  // 169.254.169.254 is where clouds hand out instance credentials.
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
  // IPv4 written as IPv6 (hex-mapped, compatible, NAT64) could smuggle any range above; the dotted
  // mapped form (::ffff:127.0.0.1) is unwrapped and judged as IPv4 instead.
  ['::ffff:0:0', 96, 'ipv6', 'reserved'],
  ['::', 96, 'ipv6', 'reserved'],
  ['64:ff9b::', 96, 'ipv6', 'reserved'],
];

const PRIVATE: Range[] = [
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
];

const NEVER_LISTS = NEVER_REACHABLE.map(([network, prefix, family, kind]) => ({
  list: blockList([[network, prefix, family]]),
  family,
  kind,
}));
const PRIVATE_LIST = blockList(PRIVATE);

/**
 * The class of `ip`, or null for an ordinary public address. Loopback, link-local, multicast and
 * the host's own interface addresses (a service bound to 0.0.0.0 is reachable through them) are
 * classes no user-named connection may reach; text that is not an IP is `reserved`.
 */
export function classifyAddress(ip: string): AddressClass | null {
  const address = unmapIpv4(ip).toLowerCase();
  const family = isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : null;
  if (!family) return 'reserved';
  for (const range of NEVER_LISTS) {
    if (range.family === family && range.list.check(address, family)) return range.kind;
  }
  if (hostAddresses().has(address)) return 'this host';
  return PRIVATE_LIST.check(address, family) ? 'private' : null;
}

/** `::ffff:127.0.0.1` is 127.0.0.1: judged, and connected to, as IPv4. */
export function unmapIpv4(ip: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return match?.[1] ?? ip;
}

/** Read at every decision: interfaces (Docker bridges among them) come and go. */
function hostAddresses(): Set<string> {
  const addresses = new Set<string>();
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) addresses.add(entry.address.toLowerCase().replace(/%.*$/, ''));
  }
  return addresses;
}

function blockList(ranges: Range[]): BlockList {
  const list = new BlockList();
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family);
  return list;
}
