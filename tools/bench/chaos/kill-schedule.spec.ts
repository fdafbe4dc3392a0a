import { seededRandom } from '@patchbay/testing';
import { planKills } from './kill-schedule';

describe('kill schedule', () => {
  const options = {
    seed: 42,
    kills: 7,
    targets: ['a', 'b', 'c'] as const,
    gapMs: { min: 1_000, max: 5_000 },
    downMs: { min: 0, max: 2_000 },
  };

  it('kills the targets in turn, at seeded moments within the ranges', () => {
    const plan = planKills(options);
    expect(plan.map((kill) => kill.target)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    for (const kill of plan) {
      expect(kill.afterMs).toBeGreaterThanOrEqual(1_000);
      expect(kill.afterMs).toBeLessThanOrEqual(5_000);
      expect(kill.downMs).toBeLessThanOrEqual(2_000);
    }
    expect(new Set(plan.map((kill) => kill.afterMs)).size).toBeGreaterThan(1);
  });

  it('repeats itself for the same seed and differs for another', () => {
    expect(planKills(options)).toEqual(planKills(options));
    expect(planKills({ ...options, seed: 43 })).not.toEqual(planKills(options));
    const random = seededRandom(1);
    const values = Array.from({ length: 1_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});
