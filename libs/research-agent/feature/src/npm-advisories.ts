import { ADVISORY_SEVERITIES, type AdvisorySeverity, type PackageAdvisory } from '@patchbay/contracts';

/** The path of the npm registry's bulk advisory endpoint (what `npm audit` posts to). */
export const BULK_ADVISORY_PATH = '/-/npm/v1/security/advisories/bulk';

/** The request body: each package name with the versions to check. */
export function bulkAdvisoryRequest(packages: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(packages).map(([name, versions]) => [name, [...versions]]));
}

function severityOf(value: unknown): AdvisorySeverity {
  // An unknown severity is taken as high rather than ignored: a new label should not hide an advisory.
  return (ADVISORY_SEVERITIES as readonly unknown[]).includes(value) ? (value as AdvisorySeverity) : 'high';
}

/**
 * The advisories for one package from a bulk response (`{ "<name>": [{ id, url, title,
 * severity, vulnerable_versions, cwe, cvss }] }`). Entries without an id or title are dropped;
 * `cwe` comes as a list or a single string.
 */
export function advisoriesFor(name: string, response: unknown): PackageAdvisory[] {
  const byName =
    typeof response === 'object' && response !== null ? (response as Record<string, unknown>)[name] : undefined;
  if (!Array.isArray(byName)) return [];
  return byName.flatMap((entry): PackageAdvisory[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const advisory = entry as Record<string, unknown>;
    const id = advisory['id'];
    const title = advisory['title'];
    if ((typeof id !== 'number' && typeof id !== 'string') || typeof title !== 'string') return [];
    const cwe = advisory['cwe'];
    return [
      {
        id,
        title,
        url: typeof advisory['url'] === 'string' ? advisory['url'] : '',
        severity: severityOf(advisory['severity']),
        vulnerableVersions: typeof advisory['vulnerable_versions'] === 'string' ? advisory['vulnerable_versions'] : '*',
        cwe: Array.isArray(cwe)
          ? cwe.filter((c): c is string => typeof c === 'string')
          : typeof cwe === 'string'
            ? [cwe]
            : [],
      },
    ];
  });
}

/** Severity order for comparisons ("at least high"). */
export function severityRank(severity: AdvisorySeverity): number {
  return ADVISORY_SEVERITIES.indexOf(severity);
}
