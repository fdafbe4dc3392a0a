import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('forgets an entry once its time to live has passed', () => {
    let now = 1_000;
    const cache = new TtlCache<string>(100, 10, () => now);
    cache.set('semver', 'info');
    now += 99;
    expect(cache.get('semver')).toBe('info');
    now += 1;
    expect(cache.get('semver')).toBeUndefined();
  });

  it('keeps at most maxEntries, evicting the least recently used', () => {
    const cache = new TtlCache<number>(60_000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('stores nothing when the time to live is zero (caching off)', () => {
    const cache = new TtlCache<number>(0, 2);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });
});
