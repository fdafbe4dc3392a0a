import { keyManifests, parseSha256sum, repositoryScope, warmEnvironmentKey } from './warm-environment-key';

const BASE = {
  repository: 'local-bare:/srv/mirrors/acme/web.git',
  imageId: 'sha256:1111',
  commands: ['npm ci --no-audit --no-fund'],
  manifestHashes: new Map([
    ['package.json', 'a'.repeat(64)],
    ['package-lock.json', 'b'.repeat(64)],
  ]),
};

describe('warmEnvironmentKey', () => {
  it('is the same for the same inputs, whatever order the manifests were hashed in', () => {
    const reordered = { ...BASE, manifestHashes: new Map([...BASE.manifestHashes].reverse()) };
    expect(warmEnvironmentKey(reordered)).toBe(warmEnvironmentKey(BASE));
    expect(warmEnvironmentKey(BASE)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [
      'the lockfile content',
      { manifestHashes: new Map([...BASE.manifestHashes, ['package-lock.json', 'c'.repeat(64)]]) },
    ],
    ['the repository', { repository: 'local-bare:/srv/mirrors/acme/api.git' }],
    ['the sandbox image', { imageId: 'sha256:2222' }],
    ['the setup command', { commands: ['npm ci --no-audit --no-fund --ignore-scripts'] }],
    ['a manifest appearing', { manifestHashes: new Map([...BASE.manifestHashes, ['.npmrc', 'd'.repeat(64)]]) }],
  ])('changes with %s', (_what, change) => {
    expect(warmEnvironmentKey({ ...BASE, ...change })).not.toBe(warmEnvironmentKey(BASE));
  });

  it('cannot be made equal by moving text between fields', () => {
    const a = { ...BASE, commands: ['npm ci', 'x'] };
    const b = { ...BASE, commands: ['npm cix'] };
    expect(warmEnvironmentKey(a)).not.toBe(warmEnvironmentKey(b));
  });
});

describe('keyManifests', () => {
  it('picks the manifests and lockfiles of every package manager the images carry, sorted', () => {
    expect(
      keyManifests([
        'README.md',
        'yarn.lock',
        'package.json',
        'index.js',
        'requirements-dev.txt',
        'go.sum',
        'go.mod',
        'poetry.lock',
        '.npmrc',
      ]),
    ).toEqual(['.npmrc', 'go.mod', 'go.sum', 'package.json', 'poetry.lock', 'requirements-dev.txt', 'yarn.lock']);
  });
});

describe('repositoryScope', () => {
  it('differs per repository and says nothing readable about it', () => {
    const scope = repositoryScope('local-bare:/srv/mirrors/acme/web.git');
    expect(scope).toMatch(/^[0-9a-f]{32}$/);
    expect(repositoryScope('local-bare:/srv/mirrors/acme/api.git')).not.toBe(scope);
  });
});

describe('parseSha256sum', () => {
  it('reads both text and binary mode lines', () => {
    const output = `${'a'.repeat(64)}  package.json\n${'b'.repeat(64)} *yarn.lock\n`;
    expect(parseSha256sum(output)).toEqual(
      new Map([
        ['package.json', 'a'.repeat(64)],
        ['yarn.lock', 'b'.repeat(64)],
      ]),
    );
  });
});
