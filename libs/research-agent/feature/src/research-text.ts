import type { PackageAdvisories, PackageInfo, RepositoryDocs } from '@patchbay/contracts';

/** package_info as a model reads it (wrapped as untrusted data by the caller). */
export function describePackageInfo(info: PackageInfo): string {
  if (!info.reachable)
    return `${info.ecosystem} package ${info.name}: the registry is unreachable (${info.problem}). Nothing is known about the package from here; do not guess.`;
  if (!info.found) return `${info.ecosystem} package ${info.name}: not found (${info.problem}).`;
  return [
    `${info.ecosystem} package ${info.name}`,
    `latest version: ${info.latestVersion ?? 'unknown'}`,
    info.version && info.version !== info.latestVersion ? `asked-for version: ${info.version}` : null,
    info.problem ? `note: ${info.problem}` : null,
    `deprecated: ${info.deprecated ?? 'no'}`,
    `license: ${info.license ?? 'not stated'}`,
    `repository: ${info.repository ?? 'not stated'}`,
    info.description ? `description: ${info.description}` : null,
    info.recentVersions.length > 0 ? `recent versions: ${info.recentVersions.join(', ')}` : null,
    info.readmeExcerpt ? `README (excerpt):\n${info.readmeExcerpt}` : 'README: none published',
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

export function describeAdvisories(result: PackageAdvisories): string {
  if (!result.reachable)
    return `Advisories for ${result.name}@${result.version}: the advisory service is unreachable (${result.problem}). Absence of advisories is NOT established.`;
  if (result.advisories.length === 0)
    return `Advisories for ${result.name}@${result.version}: none known to the registry.`;
  return [
    `Advisories for ${result.name}@${result.version} (${result.advisories.length}):`,
    ...result.advisories.map(
      (a) =>
        `- [${a.severity}] ${a.title} (id ${a.id}; vulnerable: ${a.vulnerableVersions}${a.cwe.length ? `; ${a.cwe.join(', ')}` : ''}) ${a.url}`,
    ),
  ].join('\n');
}

export function describeDocs(docs: RepositoryDocs): string {
  if (docs.problem) return `Repository docs search for "${docs.query}": unavailable (${docs.problem}).`;
  if (docs.hits.length === 0)
    return `Repository docs search for "${docs.query}": no Markdown or reStructuredText page matches.`;
  return [
    `Repository docs matching "${docs.query}" at ${docs.commit.slice(0, 12)}:`,
    ...docs.hits.map((hit) => `### ${hit.path} (score ${hit.score})\n${hit.excerpt}`),
  ].join('\n\n');
}
