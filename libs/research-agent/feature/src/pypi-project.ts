import type { PackageInfo } from '@patchbay/contracts';
import { excerpt } from './npm-packument';

type Json = Record<string, unknown>;
const record = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** PyPI names are case-insensitive with runs of "-", "_" and "." equivalent (PEP 503). */
export function normalisePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * package_info from PyPI's JSON API (GET /pypi/<name>/json): `info` carries the latest
 * version, licence (the PEP 639 expression when given), summary, description and project URLs;
 * a release whose files are all yanked is reported as deprecated with the yank reason.
 */
export function packageInfoFromPypi(name: string, project: unknown, version?: string): PackageInfo {
  const doc = record(project) ?? {};
  const info = record(doc['info']) ?? {};
  const releases = record(doc['releases']) ?? {};
  const latest = text(info['version']);
  const chosen = version ?? latest;
  const files = chosen && Array.isArray(releases[chosen]) ? (releases[chosen] as unknown[]).map(record) : null;
  const yanked = files && files.length > 0 && files.every((file) => file?.['yanked'] === true);
  const urls = record(info['project_urls']) ?? {};
  const repository =
    Object.entries(urls).find(([label]) => /source|repository|code|github/i.test(label))?.[1] ?? info['home_page'];
  return {
    name,
    ecosystem: 'pypi',
    reachable: true,
    found: true,
    problem: version && !files ? `version ${version} of ${name} is not published on PyPI` : null,
    latestVersion: latest,
    version: files ? chosen : null,
    deprecated: yanked ? `yanked: ${text(files[0]?.['yanked_reason']) ?? 'no reason given'}` : null,
    license: text(info['license_expression']) ?? text(info['license'])?.split('\n')[0] ?? null,
    repository: text(repository),
    description: text(info['summary']),
    readmeExcerpt: excerpt(text(info['description'])),
    recentVersions: newestFirst(releases).slice(0, 10),
  };
}

/** Release versions by the upload time of their first file, newest first (PEP 440 order is not semver's). */
function newestFirst(releases: Json): string[] {
  const uploaded = (version: string) => {
    const files = Array.isArray(releases[version]) ? (releases[version] as unknown[]) : [];
    return text(record(files[0])?.['upload_time_iso_8601']) ?? '';
  };
  return Object.keys(releases).sort((a, b) => uploaded(b).localeCompare(uploaded(a)));
}
