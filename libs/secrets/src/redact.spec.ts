import { lastFour, maskSecret } from './redact';

describe('lastFour', () => {
  it('shows only the last four characters of a key', () => {
    expect(lastFour('sk-live-1234567890abcd')).toBe('abcd');
  });

  it('shows nothing of a secret too short to hide', () => {
    expect(lastFour('abcd')).toBe('');
  });

  it('counts characters, not UTF-16 units, so it never splits one in half', () => {
    expect(lastFour('key-🔑🔑🔑🔑x')).toBe('🔑🔑🔑x');
  });
});

describe('maskSecret', () => {
  it('masks everything but the last four characters', () => {
    expect(maskSecret('sk-live-1234567890abcd')).toBe('••••abcd');
  });
});
