import { setEgressAllowedHostsRequestSchema } from './egress-allowed-hosts.api';

const parse = (hosts: unknown[]) => setEgressAllowedHostsRequestSchema.safeParse({ hosts });
const messages = (hosts: unknown[]) => {
  const result = parse(hosts);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('allowed egress hosts', () => {
  it('normalises names and IPv4 literals to lower-case host:port, port 443 by default', () => {
    expect(
      parse(['Pkg.Example.COM', 'pkg.example.com:8443', '10.1.2.3:80', 'internal.', ' api.example.org ']).data,
    ).toEqual({
      hosts: ['pkg.example.com:443', 'pkg.example.com:8443', '10.1.2.3:80', 'internal:443', 'api.example.org:443'],
    });
  });

  it('refuses URLs, wildcards, IPv6 literals, bad labels and ports, naming the entry', () => {
    expect(messages(['https://x.example/'])).toEqual([
      '"https://x.example/" is not a host name or IPv4 address, optionally with :port (e.g. pkg.example.com or pkg.example.com:8443)',
    ]);
    for (const bad of ['*.example.com', '[::1]:443', '::1', '-x.example', 'a..b', '1.2.3.999', 'x_y.example', ''])
      expect(messages([bad])).toHaveLength(1);
    expect(messages(['pkg.example.com:0'])).toEqual(['"pkg.example.com:0": the port must be between 1 and 65535']);
    expect(messages(['pkg.example.com:70000'])).toEqual([
      '"pkg.example.com:70000": the port must be between 1 and 65535',
    ]);
    expect(messages(Array.from({ length: 51 }, (_, i) => `h${i}.example`))).toEqual([
      'at most 50 hosts may be allowed',
    ]);
  });
});
