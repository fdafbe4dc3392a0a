import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { classifyAddress, unmapIpv4, type AddressClass } from '@patchbay/network-address';

/** Why an address may not be reached from a sandbox; null when it may. */
export type ForbiddenAddressKind = AddressClass;

export type ResolvedTarget =
  { ok: true; address: string; family: 4 | 6 } | { ok: false; address: string | null; reason: string };

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
    const kind = classifyAddress(ip);
    if (kind !== 'private') return kind;
    const address = unmapIpv4(ip);
    return this.privateAllow.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6') ? null : 'private';
  }

  /**
   * Resolves a host once and answers the address to connect to, so what is checked is what is
   * used (a second lookup could answer differently: DNS rebinding). Every answer must be allowed.
   */
  async resolve(host: string): Promise<ResolvedTarget> {
    let answers: Array<{ address: string; family: number }>;
    try {
      answers = isIP(host)
        ? [{ address: host, family: isIP(host) }]
        : await lookup(host, { all: true, verbatim: true });
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
  const what = kind === 'this host' ? "one of this host's own addresses" : `a ${kind} address`;
  return host === address ? `${address} is ${what}` : `${host} resolves to ${address}, ${what}`;
}
