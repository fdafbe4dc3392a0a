import type { PackageInfo } from '@patchbay/contracts';
import semver from 'semver';

/** Enough of a README for a model to see what a package is for; the rest is a link away. */
export const README_EXCERPT_CHARS = 2_000;
const RECENT_VERSIONS = 10;

/**
 * The path of a package on the registry. A scoped name keeps its "@" and has its slash encoded
 * (`@types%2fnode`), which is how the npm registry (and its mirrors) expect it.
 */
export function packumentPath(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

type Json = Record<string, unknown>;

function record(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** `"MIT"`, `{ type: "MIT" }`, or the legacy `licenses: [{ type }]` list. */
export function licenseOf(manifest: Json | null): string | null {
  if (!manifest) return null;
  const license = manifest['license'];
  if (typeof license === 'string') return text(license);
  const typed = text(record(license)?.['type']);
  if (typed) return typed;
  const legacy = Array.isArray(manifest['licenses']) ? manifest['licenses'] : [];
  const types = legacy.map((entry) => text(record(entry)?.['type'])).filter((entry): entry is string => entry !== null);
  return types.length > 0 ? (types.length === 1 ? types[0] : `(${types.join(' OR ')})`) : null;
}

/** A browsable URL for `repository`: `git+https://…git`, `github:owner/repo`, `owner/repo` shorthand or `{ url }`. */
export function repositoryUrlOf(value: unknown): string | null {
  const raw = typeof value === 'string' ? value : text(record(value)?.['url']);
  if (!raw) return null;
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (shorthand)
    return `https://${shorthand[1] === 'gitlab' ? 'gitlab.com' : shorthand[1] === 'bitbucket' ? 'bitbucket.org' : 'github.com'}/${shorthand[2]}`;
  return raw
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^ssh:\/\/git@/, 'https://')
    .replace(/\.git$/, '');
}

export function excerpt(readme: string | null, limit = README_EXCERPT_CHARS): string | null {
  if (!readme) return null;
  const trimmed = readme.trim();
  return trimmed.length > limit ? `${trimmed.slice(0, limit)}… (${trimmed.length - limit} more characters)` : trimmed;
}

/**
 * What package_info reports from a packument (GET <registry>/<name>): the latest version, the
 * asked-for version's licence and deprecation (the latest's when none was asked), repository,
 * description, a bounded README excerpt, and the most recent versions.
 */
export function packageInfoFromPackument(name: string, packument: unknown, version?: string): PackageInfo {
  const doc = record(packument) ?? {};
  const versions = record(doc['versions']) ?? {};
  const latest = text(record(doc['dist-tags'])?.['latest']);
  const chosen = version ?? latest;
  const manifest = chosen ? record(versions[chosen]) : null;
  const published = Object.keys(versions).filter((candidate) => semver.valid(candidate) !== null);
  const problem = version && !manifest ? `version ${version} of ${name} is not published on the registry` : null;
  return {
    name,
    ecosystem: 'npm',
    reachable: true,
    found: true,
    problem,
    latestVersion: latest,
    version: manifest ? chosen : null,
    deprecated: text(manifest?.['deprecated']),
    license: licenseOf(manifest) ?? licenseOf(doc),
    repository: repositoryUrlOf(manifest?.['repository'] ?? doc['repository']),
    description: text(manifest?.['description']) ?? text(doc['description']),
    readmeExcerpt: excerpt(text(doc['readme']) ?? text(manifest?.['readme'])),
    recentVersions: semver.rsort(published).slice(0, RECENT_VERSIONS),
  };
}

/** The answer when the registry has no such package, or could not be asked. */
export function missingPackage(
  name: string,
  ecosystem: PackageInfo['ecosystem'],
  reachable: boolean,
  problem: string,
): PackageInfo {
  return {
    name,
    ecosystem,
    reachable,
    found: false,
    problem,
    latestVersion: null,
    version: null,
    deprecated: null,
    license: null,
    repository: null,
    description: null,
    readmeExcerpt: null,
    recentVersions: [],
  };
}
