import { EgressAddressPolicy } from './egress-address-policy';
import { checkGitUrl } from './git-url-policy';

describe('checkGitUrl', () => {
  const addresses = new EgressAddressPolicy([]);
  const hosts = ['github.com', 'localhost', 'git.internal.example:8443', '127.0.0.1'];
  const refusal = (url: string) =>
    checkGitUrl(url, hosts, addresses).then(
      () => null,
      (error: Error) => error.message,
    );

  it('refuses loopback and host addresses even when listed, however the address is spelled', async () => {
    expect(await refusal('https://127.0.0.1/repo.git')).toBe(
      'source.url: 127.0.0.1 is a loopback address; sandboxes may not reach it',
    );
    expect(await refusal('https://2130706433/repo.git')).toBe(
      'source.url: 127.0.0.1 is a loopback address; sandboxes may not reach it',
    );
    expect(await refusal('https://0x7f.1:3000/repo.git')).toBe(
      'source.url: 127.0.0.1 is a loopback address; sandboxes may not reach it',
    );
    expect(await refusal('https://[::1]/repo.git')).toBe(
      'source.url: ::1 is a loopback address; sandboxes may not reach it',
    );
    expect(await refusal('https://localhost/repo.git')).toMatch(
      /^source\.url: localhost resolves to (127\.0\.0\.1|::1), a loopback address; sandboxes may not reach it$/,
    );
    expect(await refusal('https://169.254.169.254/latest/meta-data')).toBe(
      'source.url: 169.254.169.254 is a link-local address; sandboxes may not reach it',
    );
  });

  it('accepts https to a listed host only, on 443 unless the entry names a port', async () => {
    expect(await checkGitUrl('https://github.com/acme/app.git', hosts, addresses)).toEqual({
      url: 'https://github.com/acme/app.git',
      egressTarget: 'github.com:443',
    });
    expect(await refusal('https://github.com:8443/acme/app.git')).toBe(
      'source.url: github.com:8443 is not an allowed git host (SANDBOX_GIT_HOSTS: github.com, localhost, git.internal.example:8443, 127.0.0.1)',
    );
    expect(await refusal('https://evil.example/app.git')).toMatch(
      /^source\.url: evil\.example is not an allowed git host/,
    );
    expect(await refusal('http://github.com/acme/app.git')).toBe('source.url: url must be an https git URL');
  });

  it('refuses credentials in the URL', async () => {
    expect(await refusal('https://user:token@github.com/acme/app.git')).toBe('source.url: must not carry credentials');
  });
});
