/**
 * Small registry documents in the shapes the npm registry returns, for the local registry
 * server. The semver packument keeps the fields of a real one (fetched from
 * registry.npmjs.org/semver, December 2026) for three of its versions; the advisory is the real
 * GHSA-c2qf-rxjj-qqgw entry as the bulk advisory endpoint reports it. The "planted" packages
 * exist only here, to test how the platform treats a dependency with a known problem.
 */

export interface FixtureVersion {
  version: string;
  license?: string | { type: string };
  deprecated?: string;
  repository?: string | { type: string; url: string };
  description?: string;
  dependencies?: Record<string, string>;
}

/** A packument (GET /<name>) with the fields the registry serves: _id, name, dist-tags, versions, time, and optionally readme. */
export function packument(
  name: string,
  versions: readonly FixtureVersion[],
  options: { latest?: string; readme?: string } = {},
): Record<string, unknown> {
  const latest = options.latest ?? versions[versions.length - 1]?.version;
  const tarballName = name.startsWith('@') ? name.split('/')[1] : name;
  return {
    _id: name,
    name,
    'dist-tags': latest ? { latest } : {},
    versions: Object.fromEntries(
      versions.map((entry) => [
        entry.version,
        {
          name,
          version: entry.version,
          description: entry.description ?? `${name} test fixture`,
          main: 'index.js',
          license: entry.license ?? 'MIT',
          ...(entry.repository ? { repository: entry.repository } : {}),
          ...(entry.deprecated ? { deprecated: entry.deprecated } : {}),
          dependencies: entry.dependencies ?? {},
          _id: `${name}@${entry.version}`,
          dist: {
            shasum: '0000000000000000000000000000000000000000',
            tarball: `https://registry.npmjs.org/${name}/-/${tarballName}-${entry.version}.tgz`,
          },
        },
      ]),
    ),
    time: Object.fromEntries(
      versions.map((entry, index) => [entry.version, new Date(Date.UTC(2024, 0, 1 + index)).toISOString()]),
    ),
    ...(options.readme ? { readme: options.readme } : {}),
  };
}

export const SEMVER_PACKUMENT = packument(
  'semver',
  [
    {
      version: '7.5.1',
      license: 'ISC',
      repository: { type: 'git', url: 'git+https://github.com/npm/node-semver.git' },
      description: 'The semantic version parser used by npm.',
    },
    {
      version: '7.5.2',
      license: 'ISC',
      repository: { type: 'git', url: 'git+https://github.com/npm/node-semver.git' },
      description: 'The semantic version parser used by npm.',
    },
    {
      version: '7.7.3',
      license: 'ISC',
      repository: { type: 'git', url: 'git+https://github.com/npm/node-semver.git' },
      description: 'The semantic version parser used by npm.',
    },
  ],
  {
    readme:
      'semver(1) -- The semantic versioner for npm\n\n## Install\n\n```bash\nnpm install semver\n```\n\n## Usage\n\nAs a node module: `semver.valid("1.2.3")`.',
  },
);

/** GHSA-c2qf-rxjj-qqgw as the bulk advisory endpoint returns it for semver@7.5.1. */
export const SEMVER_REDOS_ADVISORY = {
  id: 1101088,
  url: 'https://github.com/advisories/GHSA-c2qf-rxjj-qqgw',
  title: 'semver vulnerable to Regular Expression Denial of Service',
  severity: 'moderate',
  vulnerable_versions: '>=7.0.0 <7.5.2',
  cwe: ['CWE-1333'],
  cvss: { score: 5.3, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' },
};

/** A package with a planted critical advisory (remote code execution) on every 1.x version. */
export const PLANTED_CRITICAL_PACKAGE = 'patchbay-planted-critical';
export const PLANTED_CRITICAL_PACKUMENT = packument(PLANTED_CRITICAL_PACKAGE, [
  { version: '1.0.0' },
  { version: '1.0.1' },
]);
export const PLANTED_CRITICAL_ADVISORY = {
  id: 9000001,
  url: 'https://github.com/advisories/GHSA-patc-hbay-test',
  title: 'Remote code execution in patchbay-planted-critical (test fixture)',
  severity: 'critical',
  vulnerable_versions: '<2.0.0',
  cwe: ['CWE-94'],
  cvss: { score: 9.8, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
};

/** A package with a planted high advisory: a risk in the pull request, not a block (by default). */
export const PLANTED_HIGH_PACKAGE = 'patchbay-planted-high';
export const PLANTED_HIGH_PACKUMENT = packument(
  PLANTED_HIGH_PACKAGE,
  [{ version: '2.1.0' }, { version: '2.2.0', deprecated: 'use 3.x' }],
  { latest: '2.1.0' },
);
export const PLANTED_HIGH_ADVISORY = {
  id: 9000002,
  url: 'https://github.com/advisories/GHSA-patc-hbay-high',
  title: 'Prototype pollution in patchbay-planted-high (test fixture)',
  severity: 'high',
  vulnerable_versions: '>=2.0.0 <2.3.0',
  cwe: ['CWE-1321'],
};

/** A package under a licence a repository policy may deny. */
export const AGPL_PACKAGE = 'patchbay-agpl-lib';
export const AGPL_PACKUMENT = packument(AGPL_PACKAGE, [{ version: '0.3.0', license: 'AGPL-3.0-only' }]);
