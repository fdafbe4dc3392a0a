import { isIP } from 'node:net';
import type { EgressAddressPolicy } from './egress-address-policy';
import { SandboxBadRequestError } from './sandbox-errors';

export interface AllowedGitUrl {
  url: string;
  /** `host:port` the egress proxy lets the sandbox reach for the clone only. */
  egressTarget: string;
}

/**
 * A `git-url` source is cloned inside the sandbox through the egress proxy, which opens the git
 * host for the clone. So the URL gets the egress rules before any container is spent on it: https
 * only (no plain-text protocol whose content the proxy would have to trust), no credentials in it
 * (they would sit in labels and logs), a host on SANDBOX_GIT_HOSTS, and never an address a
 * sandbox may not reach — the attack run cloned from the host's loopback this way.
 */
export async function checkGitUrl(
  raw: string,
  gitHosts: string[],
  addresses: EgressAddressPolicy,
): Promise<AllowedGitUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SandboxBadRequestError('source.url: not a URL');
  }
  if (url.protocol !== 'https:') throw new SandboxBadRequestError('source.url: url must be an https git URL');
  if (url.username || url.password) throw new SandboxBadRequestError('source.url: must not carry credentials');
  // WHATWG URL parsing has already turned 0x7f.1 or 2130706433 into 127.0.0.1.
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : 443;
  const target = await addresses.resolve(host);
  if (!target.ok && (isIP(host) || target.address !== null)) {
    throw new SandboxBadRequestError(`source.url: ${target.reason}; sandboxes may not reach it`);
  }
  const listed = gitHosts.includes(`${host}:${port}`) || (port === 443 && gitHosts.includes(host));
  if (!listed) {
    throw new SandboxBadRequestError(
      `source.url: ${host}${port === 443 ? '' : `:${port}`} is not an allowed git host (SANDBOX_GIT_HOSTS: ${gitHosts.join(', ') || 'none'})`,
    );
  }
  return { url: url.toString(), egressTarget: `${host}:${port}` };
}
