/**
 * The chaos benchmark's kills: which service, in turn, and when, drawn from a seeded generator so
 * a run can be repeated (the seed is recorded in the report).
 */
import { seededRandom } from '@patchbay/testing';

export interface PlannedKill<Target extends string> {
  index: number;
  target: Target;
  /** Wait before this kill, counted from the previous service being ready again (or the start). */
  afterMs: number;
  /** How long the killed service stays down before it is started again. */
  downMs: number;
}

export interface KillScheduleOptions<Target extends string> {
  seed: number;
  kills: number;
  /** Killed in this order, round after round. */
  targets: readonly Target[];
  gapMs: { min: number; max: number };
  downMs: { min: number; max: number };
}

export function planKills<Target extends string>(options: KillScheduleOptions<Target>): PlannedKill<Target>[] {
  if (options.targets.length === 0) throw new Error('no service to kill');
  const random = seededRandom(options.seed);
  const between = (range: { min: number; max: number }) =>
    Math.round(range.min + random() * Math.max(0, range.max - range.min));
  return Array.from({ length: options.kills }, (_, index) => ({
    index,
    target: options.targets[index % options.targets.length],
    afterMs: between(options.gapMs),
    downMs: between(options.downMs),
  }));
}
