import { dependencyChanges, lockedVersion, ManifestUnreadable } from './dependency-changes';

const manifest = (sections: Record<string, Record<string, string>>) =>
  JSON.stringify({ name: 'app', version: '1.0.0', ...sections }, null, 2);

describe('dependencyChanges', () => {
  it('lists added and re-specified dependencies of every installed section, not removed or unchanged ones', () => {
    const before = manifest({
      dependencies: { express: '^4.18.0', lodash: '4.17.21' },
      devDependencies: { jest: '^29.0.0' },
    });
    const after = manifest({
      dependencies: { express: '^4.19.2', 'left-pad': '1.3.0' },
      devDependencies: { jest: '^29.0.0', '@types/node': '~20.1.0' },
    });
    expect(dependencyChanges('package.json', before, after)).toEqual([
      {
        manifest: 'package.json',
        section: 'dependencies',
        name: 'express',
        from: '^4.18.0',
        to: '^4.19.2',
        version: '4.19.2',
        resolvedBy: 'range_minimum',
      },
      {
        manifest: 'package.json',
        section: 'dependencies',
        name: 'left-pad',
        from: null,
        to: '1.3.0',
        version: '1.3.0',
        resolvedBy: 'exact',
      },
      {
        manifest: 'package.json',
        section: 'devDependencies',
        name: '@types/node',
        from: null,
        to: '~20.1.0',
        version: '20.1.0',
        resolvedBy: 'range_minimum',
      },
    ]);
  });

  it('treats every dependency of a new package.json as added', () => {
    expect(
      dependencyChanges('packages/api/package.json', null, manifest({ dependencies: { semver: '^7.5.1' } })).map(
        (c) => `${c.name}@${c.version}`,
      ),
    ).toEqual(['semver@7.5.1']);
  });

  it('takes the version the lockfile pins when it satisfies the spec', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: { '': {}, 'node_modules/semver': { version: '7.7.3' } },
    });
    expect(
      dependencyChanges('package.json', null, manifest({ dependencies: { semver: '^7.5.1' } }), lock)[0],
    ).toMatchObject({ version: '7.7.3', resolvedBy: 'lockfile' });
    expect(
      lockedVersion(JSON.stringify({ lockfileVersion: 1, dependencies: { semver: { version: '5.7.2' } } }), 'semver'),
    ).toBe('5.7.2');
  });

  it('marks git, file and URL specs as not from the registry', () => {
    const after = manifest({ dependencies: { mine: 'github:me/mine', local: 'file:../local' } });
    expect(dependencyChanges('package.json', null, after).map((c) => c.resolvedBy)).toEqual([
      'not_registry',
      'not_registry',
    ]);
  });

  it('a manifest that is not JSON is reported, not ignored', () => {
    expect(() => dependencyChanges('package.json', '{}', '{ "dependencies": ')).toThrow(ManifestUnreadable);
  });
});
