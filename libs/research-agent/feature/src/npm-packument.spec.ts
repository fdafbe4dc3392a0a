import { SEMVER_PACKUMENT, packument } from '@patchbay/testing';
import { licenseOf, packageInfoFromPackument, packumentPath, repositoryUrlOf } from './npm-packument';
import { advisoriesFor } from './npm-advisories';
import { packageInfoFromPypi } from './pypi-project';

describe('npm packument parsing', () => {
  it('reports the latest version, its licence, repository, description, README excerpt and recent versions', () => {
    const info = packageInfoFromPackument('semver', SEMVER_PACKUMENT);
    expect(info).toMatchObject({
      found: true,
      reachable: true,
      latestVersion: '7.7.3',
      version: '7.7.3',
      license: 'ISC',
      repository: 'https://github.com/npm/node-semver',
      description: 'The semantic version parser used by npm.',
      deprecated: null,
      recentVersions: ['7.7.3', '7.5.2', '7.5.1'],
    });
    expect(info.readmeExcerpt).toContain('npm install semver');
  });

  it('reports the asked-for version, its deprecation, and says when a version is not published', () => {
    const doc = packument('old-lib', [
      { version: '1.0.0', license: { type: 'BSD-3-Clause' }, deprecated: 'no longer maintained' },
      { version: '2.0.0' },
    ]);
    expect(packageInfoFromPackument('old-lib', doc, '1.0.0')).toMatchObject({
      version: '1.0.0',
      deprecated: 'no longer maintained',
      license: 'BSD-3-Clause',
      latestVersion: '2.0.0',
    });
    expect(packageInfoFromPackument('old-lib', doc, '9.9.9')).toMatchObject({
      version: null,
      problem: 'version 9.9.9 of old-lib is not published on the registry',
    });
  });

  it('bounds the README excerpt', () => {
    const info = packageInfoFromPackument('big', {
      ...packument('big', [{ version: '1.0.0' }]),
      readme: 'x'.repeat(10_000),
    });
    expect(info.readmeExcerpt!.length).toBeLessThan(2_100);
    expect(info.readmeExcerpt).toMatch(/8000 more characters\)$/);
  });

  it('encodes a scoped name the way the registry expects', () => {
    expect(packumentPath('@types/node')).toBe('@types%2Fnode');
    expect(packumentPath('left-pad')).toBe('left-pad');
  });

  it('reads the licence and repository forms packages use', () => {
    expect(licenseOf({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('(MIT OR Apache-2.0)');
    expect(repositoryUrlOf('github:owner/repo')).toBe('https://github.com/owner/repo');
    expect(repositoryUrlOf('owner/repo')).toBe('https://github.com/owner/repo');
    expect(repositoryUrlOf({ type: 'git', url: 'git://github.com/owner/repo.git' })).toBe(
      'https://github.com/owner/repo',
    );
  });
});

describe('bulk advisory response parsing', () => {
  it('maps the registry fields and keeps only the asked package', () => {
    const response = {
      semver: [
        {
          id: 1101088,
          url: 'https://github.com/advisories/GHSA-c2qf-rxjj-qqgw',
          title: 'ReDoS',
          severity: 'moderate',
          vulnerable_versions: '>=7.0.0 <7.5.2',
          cwe: ['CWE-1333'],
        },
      ],
      other: [{ id: 1, title: 'x', severity: 'low' }],
    };
    expect(advisoriesFor('semver', response)).toEqual([
      {
        id: 1101088,
        url: 'https://github.com/advisories/GHSA-c2qf-rxjj-qqgw',
        title: 'ReDoS',
        severity: 'moderate',
        vulnerableVersions: '>=7.0.0 <7.5.2',
        cwe: ['CWE-1333'],
      },
    ]);
    expect(advisoriesFor('absent', response)).toEqual([]);
  });

  it('takes an unknown severity as high and a single cwe string as a list', () => {
    expect(
      advisoriesFor('p', { p: [{ id: 'GHSA-1', title: 't', severity: 'severe', cwe: 'CWE-79' }] })[0],
    ).toMatchObject({ severity: 'high', cwe: ['CWE-79'] });
  });
});

describe('PyPI JSON parsing', () => {
  it('reads version, licence expression, source URL and yanked releases', () => {
    const project = {
      info: {
        version: '2.32.3',
        license_expression: 'Apache-2.0',
        summary: 'HTTP for Humans.',
        description: '# Requests',
        project_urls: { Documentation: 'https://docs', Source: 'https://github.com/psf/requests' },
      },
      releases: {
        '2.32.3': [{ yanked: false, upload_time_iso_8601: '2024-05-29T15:37:49.000Z' }],
        '2.32.2': [{ yanked: true, yanked_reason: 'broken wheel', upload_time_iso_8601: '2024-05-21T18:51:27.000Z' }],
        '2.9.0': [{ yanked: false, upload_time_iso_8601: '2015-12-15T14:16:11.000Z' }],
      },
    };
    expect(packageInfoFromPypi('requests', project)).toMatchObject({
      latestVersion: '2.32.3',
      license: 'Apache-2.0',
      repository: 'https://github.com/psf/requests',
      deprecated: null,
      recentVersions: ['2.32.3', '2.32.2', '2.9.0'],
    });
    expect(packageInfoFromPypi('requests', project, '2.32.2')).toMatchObject({ deprecated: 'yanked: broken wheel' });
  });
});
