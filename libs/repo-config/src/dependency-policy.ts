import type { PatchbayConfig } from './patchbay-config.schema';

export type DependencyBlockSeverity = NonNullable<NonNullable<PatchbayConfig['dependencies']>['blockSeverity']>;

/** What a change may add to a repository's dependencies. */
export interface DependencyPolicy {
  /** Upper-cased SPDX ids; a new dependency under one of them blocks publishing. */
  deniedLicenses: string[];
  /** An advisory at this severity or above blocks publishing; below it, the advisory is a risk in the PR. */
  blockSeverity: DependencyBlockSeverity;
}

/**
 * The defaults: a critical advisory blocks, anything less is reported as a risk; no licence is
 * denied, because which licences an organisation accepts is its own decision (a licence that
 * cannot be read is still reported as a risk).
 */
export const DEFAULT_DEPENDENCY_POLICY: Readonly<DependencyPolicy> = Object.freeze({
  deniedLicenses: [],
  blockSeverity: 'critical',
});

/** The repository's policy from its `.patchbay.yml` (read at the base commit), over the defaults. */
export function dependencyPolicyOf(config: PatchbayConfig | null | undefined): DependencyPolicy {
  const rules = config?.dependencies;
  return {
    deniedLicenses: (rules?.deniedLicenses ?? DEFAULT_DEPENDENCY_POLICY.deniedLicenses).map((id) =>
      id.trim().toUpperCase(),
    ),
    blockSeverity: rules?.blockSeverity ?? DEFAULT_DEPENDENCY_POLICY.blockSeverity,
  };
}

/**
 * The denied licence ids an SPDX expression names, e.g. `(MIT OR AGPL-3.0-only)` against
 * [AGPL-3.0-ONLY]. Conservative on purpose: a dual licence naming a denied id is reported, since
 * which branch a project relies on is a person's call, not the platform's.
 */
export function deniedLicensesIn(license: string | null, policy: DependencyPolicy): string[] {
  if (!license || policy.deniedLicenses.length === 0) return [];
  const ids = license
    .toUpperCase()
    .split(/[\s()]+|\bOR\b|\bAND\b|\bWITH\b/)
    .map((id) => id.trim())
    .filter(Boolean);
  return policy.deniedLicenses.filter((denied) => ids.includes(denied));
}
