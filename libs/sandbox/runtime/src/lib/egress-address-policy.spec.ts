import { networkInterfaces } from 'node:os';
import { EgressAddressPolicy } from './egress-address-policy';

describe('EgressAddressPolicy', () => {
  const policy = new EgressAddressPolicy(['10.20.0.0/16']);

  it('never lets a sandbox reach loopback, link-local (cloud metadata) or multicast addresses', () => {
    expect(policy.classify('127.0.0.1')).toBe('loopback');
    expect(policy.classify('127.10.20.30')).toBe('loopback');
    expect(policy.classify('::1')).toBe('loopback');
    expect(policy.classify('::ffff:127.0.0.1')).toBe('loopback');
    expect(policy.classify('0.0.0.0')).toBe('unspecified');
    expect(policy.classify('169.254.169.254')).toBe('link-local');
    expect(policy.classify('fe80::1')).toBe('link-local');
    expect(policy.classify('224.0.0.251')).toBe('multicast');
  });

  it('refuses IPv4 dressed as IPv6 in the forms that are not unwrapped', () => {
    expect(policy.classify('::ffff:7f00:1')).toBe('reserved');
    expect(policy.classify('64:ff9b::7f00:1')).toBe('reserved');
  });

  it('refuses private ranges unless the operator listed them', () => {
    expect(policy.classify('10.0.0.5')).toBe('private');
    expect(policy.classify('172.17.0.2')).toBe('private');
    expect(policy.classify('192.168.1.10')).toBe('private');
    expect(policy.classify('100.64.0.1')).toBe('private');
    expect(policy.classify('fd00::5')).toBe('private');
    expect(policy.classify('10.20.3.4')).toBeNull();
  });

  it("refuses this host's own addresses whatever their range", () => {
    const own = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
    if (own) expect(policy.classify(own.address)).toBe('this host');
    expect(new EgressAddressPolicy(['0.0.0.0/0']).classify('127.0.0.1')).toBe('loopback');
  });

  it('lets public addresses through', () => {
    expect(policy.classify('140.82.112.3')).toBeNull();
    expect(policy.classify('2606:4700::6810:1')).toBeNull();
  });

  it('resolves once and judges every answer', async () => {
    expect(await policy.resolve('localhost')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address$/),
    });
    expect(await policy.resolve('127.0.0.1')).toEqual({
      ok: false,
      address: '127.0.0.1',
      reason: '127.0.0.1 is a loopback address',
    });
    expect(await policy.resolve('140.82.112.3')).toEqual({ ok: true, address: '140.82.112.3', family: 4 });
    expect(await policy.resolve('no-such-host.invalid')).toMatchObject({ ok: false, address: null });
  });
});
