import { z } from 'zod';

/** At most this many hosts per repository: an allow-list, not a way around the sandbox's network policy. */
export const MAX_EGRESS_ALLOWED_HOSTS = 50;

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * One host a repository's sandboxes may reach through the egress proxy, written `host` (port 443)
 * or `host:port`, normalised to lower-case `host:port` — the form the proxy matches a CONNECT
 * authority or an absolute http URL against. A DNS name or an IPv4 literal; no wildcards (a
 * suffix match is what a look-alike host defeats), no IPv6 literals. Which *addresses* a name may
 * resolve to is decided again at each connection by the proxy (loopback, link-local and this
 * host's addresses never; private ranges only where the operator allows them).
 */
export const egressHostSchema = z
  .string()
  .trim()
  .min(1, 'a host must not be empty')
  .max(260)
  .transform((value, ctx) => {
    const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(value.toLowerCase());
    const host = match?.[1]?.replace(/\.$/, '') ?? '';
    const port = match?.[2] === undefined ? 443 : Number(match[2]);
    const validName = host.length <= 253 && host.split('.').every((label) => HOST_LABEL.test(label));
    if (!match || !(IPV4.test(host) || (validName && !/^\d+$/.test(host.split('.').pop() ?? '')))) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a host name or IPv4 address, optionally with :port (e.g. pkg.example.com or pkg.example.com:8443)`,
      });
      return z.NEVER;
    }
    if (port < 1 || port > 65_535) {
      ctx.addIssue({ code: 'custom', message: `"${value}": the port must be between 1 and 65535` });
      return z.NEVER;
    }
    return `${host}:${port}`;
  });

/** `PUT /repositories/:id/egress-allowed-hosts`: replaces the list (admins only, audited). */
export const setEgressAllowedHostsRequestSchema = z.strictObject({
  hosts: z
    .array(egressHostSchema)
    .max(MAX_EGRESS_ALLOWED_HOSTS, `at most ${MAX_EGRESS_ALLOWED_HOSTS} hosts may be allowed`),
});
export type SetEgressAllowedHostsRequest = z.input<typeof setEgressAllowedHostsRequestSchema>;

export interface EgressAllowedHostsView {
  /** The repository's id. */
  id: string;
  /** Normalised `host:port`, in the order given, without repeats. */
  hosts: string[];
}
