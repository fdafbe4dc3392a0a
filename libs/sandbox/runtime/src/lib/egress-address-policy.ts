import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Why an address may not be reached from a sandbox; null when it may. */
export type ForbiddenAddressKind = 'loopback' | 'unspecified' | 'link-local' | 'multicast' | 'reserved' | 'private' | 'host';

export type ResolvedTarget = { ok: true; address: string; family: 4 | 6 } | { ok: false; address: string | null; reason: string };

const ALWAYS_FORBIDDEN: Array<[string, number, 'ipv4' | 'ipv6', ForbiddenAddressKind]> = [
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  // 169.254.169.254 is where clouds serve instance credentials.
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
  // IPv4 dressed as IPv6 (mapped in hex form, compatible, NAT64) could carry any of the above;
  // the dotted mapped form is unwrapped and judged as IPv4 instead.
  ['::ffff:0:0', 96, 'ipv6', 'reserved'],
  ['::', 96, 'ipv6', 'reserved'],
  ['64:ff9b::', 96, 'ipv6', 'reserved'],
];

const PRIVATE: Array<[string, number, 'ipv4' | 'ipv6']> = [
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
];

/**
 * Which addresses the egress proxy may open connections to on a sandbox's behalf. A host name on
 * an allow-list is not enough: its DNS answer (or an IP literal in a git URL) can point at the
 * host's loopback, the Docker bridge, the cloud metadata service or the office network. Loopback,
 * link-local, multicast and the host's own interface addresses are never reachable; private
 * ranges only when the operator lists them (SANDBOX_EGRESS_PRIVATE_ALLOW, e.g. an in-house git
 * server).
 */
export class EgressAddressPolicy {
  private readonly privateAllow = new BlockList();

  constructor(privateAllow: string[]) {
    for (const range of privateAllow) {
      const [network, bits] = range.split('/');
      const family = isIP(network ?? '');
      if (!family) throw new Error(`SANDBOX_EGRESS_PRIVATE_ALLOW: "${range}" is not a CIDR range`);
      const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
      this.privateAllow.addSubnet(network ?? '', prefix, family === 4 ? 'ipv4' : 'ipv6');
    }
  }

  classify(ip: string): ForbiddenAddressKind | null {
    const address = unmapIpv4(ip);
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    for (const [network, prefix, family, kind] of ALWAYS_FORBIDDEN) {
      if (family === type && subnet(network, prefix, family).check(address, type)) return kind;
    }
    // Read at every decision: Docker creates bridges (and their gateway addresses) at any time.
    if (hostAddresses().has(address)) return 'host';
    for (const [network, prefix, family] of PRIVATE) {
      if (family === type && subnet(network, prefix, family).check(address, type)) {
        return this.privateAllow.check(address, type) ? null : 'private';
      }
    }
    return null;
  }

  /**
   * Resolves a host once and answers the address to connect to, so what is checked is what is
   * used (a second lookup could answer differently: DNS rebinding). Every answer must be allowed.
   */
  async resolve(host: string): Promise<ResolvedTarget> {
    let answers: Array<{ address: string; family: number }>;
    try {
      answers = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
    } catch {
      return { ok: false, address: null, reason: `${host} does not resolve` };
    }
    if (answers.length === 0) return { ok: false, address: null, reason: `${host} does not resolve` };
    for (const answer of answers) {
      const kind = this.classify(answer.address);
      if (kind) return { ok: false, address: answer.address, reason: describe(host, answer.address, kind) };
    }
    const first = answers[0];
    return { ok: true, address: unmapIpv4(first.address), family: isIP(unmapIpv4(first.address)) === 4 ? 4 : 6 };
  }
}

export function describe(host: string, address: string, kind: ForbiddenAddressKind): string {
  const what = kind === 'host' ? "one of this host's own addresses" : `a ${kind} address`;
  return host === address ? `${address} is ${what}` : `${host} resolves to ${address}, ${what}`;
}

const subnets = new Map<string, BlockList>();
function subnet(network: string, prefix: number, family: 'ipv4' | 'ipv6'): BlockList {
  const key = `${network}/${prefix}`;
  let list = subnets.get(key);
  if (!list) {
    list = new BlockList();
    list.addSubnet(network, prefix, family);
    subnets.set(key, list);
  }
  return list;
}

function hostAddresses(): Set<string> {
  const addresses = new Set<string>();
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) addresses.add(entry.address.split('%')[0] ?? entry.address);
  }
  return addresses;
}

/** `::ffff:127.0.0.1` is 127.0.0.1: judged, and connected to, as IPv4. */
function unmapIpv4(ip: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return match?.[1] ?? ip;
}
