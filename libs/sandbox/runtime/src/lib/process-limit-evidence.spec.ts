import { atProcessLimit, showsProcessLimit } from './process-limit-evidence';

describe('process limit evidence', () => {
  it('recognises a process-creating call failing with EAGAIN, as shells and runtimes print it', () => {
    expect(showsProcessLimit('bash: fork: retry: Resource temporarily unavailable\n')).toBe(true);
    expect(showsProcessLimit('Error: spawn EAGAIN\n    at ChildProcess._handle.onexit')).toBe(true);
    expect(showsProcessLimit('fork/exec /usr/bin/git: resource temporarily unavailable')).toBe(true);
    expect(showsProcessLimit('make: vfork: Resource temporarily unavailable')).toBe(true);
  });

  it('does not take other EAGAINs or ordinary failures for it', () => {
    expect(showsProcessLimit('cat: write error: Resource temporarily unavailable')).toBe(false);
    expect(showsProcessLimit('npm ERR! code EAGAIN\nnpm ERR! network request failed')).toBe(false);
    expect(showsProcessLimit('FAIL test/sum.test.js')).toBe(false);
  });

  it('counts the sandbox as full at its limit, the counting exec included', () => {
    expect(atProcessLimit(64, 64)).toBe(true);
    expect(atProcessLimit(63, 64)).toBe(true);
    expect(atProcessLimit(12, 64)).toBe(false);
  });
});
