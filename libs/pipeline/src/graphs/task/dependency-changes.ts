import semver from 'semver';

/** The package.json sections whose entries end up installed. */
export const DEPENDENCY_SECTIONS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;
export type DependencySection = (typeof DEPENDENCY_SECTIONS)[number];

/** One dependency a change adds, or whose requested version it changes. */
export interface DependencyChange {
  manifest: string;
  section: DependencySection;
  name: string;
  /** The spec before the change; null for a newly added dependency. */
  from: string | null;
  to: string;
  /** The exact version to check: from the lockfile, the spec itself, or the lowest the range allows; null when the spec is not a registry version (git, file, URL, alias). */
  version: string | null;
  /** How `version` was chosen, for the report. */
  resolvedBy: 'lockfile' | 'exact' | 'range_minimum' | 'not_registry';
}

/** A manifest the change made unreadable (invalid JSON) is itself a finding, not a crash. */
export class ManifestUnreadable extends Error {}

function sectionsOf(text: string | null, manifest: string): Map<string, string> {
  const entries = new Map<string, string>();
  if (text === null) return entries;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ManifestUnreadable(`${manifest} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null) return entries;
  for (const section of DEPENDENCY_SECTIONS) {
    const map = (parsed as Record<string, unknown>)[section];
    if (typeof map !== 'object' || map === null) continue;
    for (const [name, spec] of Object.entries(map as Record<string, unknown>)) {
      if (typeof spec === 'string') entries.set(`${section}\u0000${name}`, spec);
    }
  }
  return entries;
}

/** The version package-lock.json (v2/v3 `packages`, or v1 `dependencies`) pins for a top-level dependency. */
export function lockedVersion(lockfile: string | null, name: string): string | null {
  if (!lockfile) return null;
  try {
    const lock = JSON.parse(lockfile) as {
      packages?: Record<string, { version?: unknown }>;
      dependencies?: Record<string, { version?: unknown }>;
    };
    const version = lock.packages?.[`node_modules/${name}`]?.version ?? lock.dependencies?.[name]?.version;
    return typeof version === 'string' && semver.valid(version) ? version : null;
  } catch {
    return null;
  }
}

function resolveVersion(spec: string, locked: string | null): Pick<DependencyChange, 'version' | 'resolvedBy'> {
  if (locked && semver.satisfies(locked, spec)) return { version: locked, resolvedBy: 'lockfile' };
  if (semver.valid(spec)) return { version: semver.valid(spec), resolvedBy: 'exact' };
  const range = semver.validRange(spec);
  // The lowest version the range admits: if it is vulnerable, an install may well be too.
  if (range) return { version: semver.minVersion(range)?.version ?? null, resolvedBy: 'range_minimum' };
  return { version: null, resolvedBy: 'not_registry' };
}

/**
 * The dependencies a change adds or re-specifies in one package.json, found by parsing the file
 * before and after (never by reading the diff's lines). Removals are not listed: removing a
 * dependency adds no risk.
 */
export function dependencyChanges(
  manifest: string,
  before: string | null,
  after: string | null,
  lockfile: string | null = null,
): DependencyChange[] {
  const old = sectionsOf(before, manifest);
  const changes: DependencyChange[] = [];
  for (const [key, to] of sectionsOf(after, manifest)) {
    const from = old.get(key) ?? null;
    if (from === to) continue;
    const [section, name] = key.split('\u0000') as [DependencySection, string];
    changes.push({ manifest, section, name, from, to, ...resolveVersion(to, lockedVersion(lockfile, name)) });
  }
  return changes;
}
