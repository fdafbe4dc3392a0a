import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cloneInvocation } from './import-git-command';
import { ImportSourcePolicy, type HostLookup, type ImportSourcePolicyOptions } from './import-source-policy';

const answers =
  (...addresses: string[]): HostLookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('ImportSourcePolicy', () => {
  const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'patchbay-policy-')));
  const root = path.join(base, 'root');
  const dataDir = path.join(root, 'data');
  const policy = (options: Partial<ImportSourcePolicyOptions> = {}) =>
    new ImportSourcePolicy({
      roots: [root],
      trustedRoots: [],
      protectedDirs: [dataDir],
      allowSsh: false,
      allowPrivateHosts: false,
      lookup: answers('93.184.216.34'),
      ...options,
    });

  function gitRepository(dir: string): string {
    mkdirSync(dir, { recursive: true });
    execFileSync('git', ['init', '-q', '-b', 'main', dir]);
    return dir;
  }

  beforeAll(() => mkdirSync(dataDir, { recursive: true }));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  describe('paths', () => {
    it('answers the real path of the git directory of a work tree, and a bare repository itself', async () => {
      const work = gitRepository(path.join(root, 'work'));
      await expect(policy().decide(work)).resolves.toEqual({ kind: 'path', gitDir: path.join(work, '.git') });
      const bare = path.join(root, 'bare.git');
      execFileSync('git', ['init', '-q', '--bare', bare]);
      await expect(policy().decide(`${root}/./bare.git`)).resolves.toEqual({ kind: 'path', gitDir: bare });
    });

    it.each([
      ['a directory outside the roots', () => gitRepository(path.join(base, 'outside')), 'outside the import roots'],
      [
        'the data directory, though inside a root',
        () => gitRepository(path.join(dataDir, 'forge', 'org', 'copy')),
        'inside the data directory',
      ],
      ['a missing path', () => path.join(root, 'missing'), 'no such path'],
      [
        'a .git symlinked out of the root',
        () => {
          const dir = path.join(root, 'dotgit-link');
          mkdirSync(dir);
          symlinkSync(path.join(gitRepository(path.join(base, 'elsewhere')), '.git'), path.join(dir, '.git'));
          return dir;
        },
        'outside the import roots',
      ],
      [
        'a gitfile',
        () => {
          const dir = path.join(root, 'gitfile');
          mkdirSync(dir);
          writeFileSync(path.join(dir, '.git'), `gitdir: ${path.join(dataDir, 'x.git')}\n`);
          return dir;
        },
        '.git is a gitfile',
      ],
      [
        'a commondir file',
        () => {
          const dir = gitRepository(path.join(root, 'commondir'));
          writeFileSync(path.join(dir, '.git', 'commondir'), dataDir);
          return dir;
        },
        'the git directory has commondir',
      ],
      [
        'alternates',
        () => {
          const dir = gitRepository(path.join(root, 'alternates'));
          writeFileSync(path.join(dir, '.git', 'objects', 'info', 'alternates'), `${dataDir}/objects\n`);
          return dir;
        },
        'the git directory has objects/info/alternates',
      ],
      [
        'a nested .git that clone would find first',
        () => {
          const dir = gitRepository(path.join(root, 'nested'));
          mkdirSync(path.join(dir, '.git', '.git'));
          return dir;
        },
        'the git directory has .git',
      ],
      [
        'a symlink inside the git directory',
        () => {
          const dir = gitRepository(path.join(root, 'linked-ref'));
          symlinkSync(path.join(dataDir, 'HEAD'), path.join(dir, '.git', 'refs', 'heads', 'main'));
          return dir;
        },
        'the git directory holds a symlink (refs/heads/main)',
      ],
    ])('refuses %s', async (_label, make, reason) => {
      await expect(policy().decide(make())).rejects.toThrow(reason);
    });

    it('accepts the platform-written demo directory inside the data directory, and only there', async () => {
      const demo = gitRepository(path.join(dataDir, 'demo', 'demo-invoice'));
      await expect(policy({ trustedRoots: [path.join(dataDir, 'demo')] }).decide(demo)).resolves.toMatchObject({
        kind: 'path',
      });
      await expect(policy().decide(demo)).rejects.toThrow('inside the data directory');
    });
  });

  describe('URLs', () => {
    it('accepts https:// to a public host and answers the addresses git must use', async () => {
      await expect(
        policy({ lookup: answers('93.184.216.34', '2606:2800:220:1::1') }).decide(
          'https://git.example.com/acme/repo.git',
        ),
      ).resolves.toEqual({
        kind: 'url',
        scheme: 'https',
        url: 'https://git.example.com/acme/repo.git',
        host: 'git.example.com',
        port: 443,
        addresses: ['93.184.216.34', '2606:2800:220:1::1'],
      });
    });

    it.each([
      ['http://git.example.com/r.git', {}, 'scheme http: is not allowed'],
      ['git://git.example.com/r.git', {}, 'scheme git: is not allowed'],
      ['file:///srv/git/r.git', {}, 'scheme file: is not allowed'],
      ['ssh://git@git.example.com/r.git', {}, 'scheme ssh: is not allowed'],
      ['https://user:token@git.example.com/r.git', {}, 'credentials in the URL'],
      ['ssh://git:secret@git.example.com/r.git', { allowSsh: true }, 'credentials in the URL'],
      ['ssh://evil$(id)/r.git', { allowSsh: true }, 'not a plain host name'],
      ['https://git.example.com/r.git', { lookup: answers() }, 'does not resolve'],
      // One bad answer among good ones is enough: git could pick any of them.
      [
        'https://git.example.com/r.git',
        { lookup: answers('93.184.216.34', '127.0.0.1') },
        'resolves to a loopback address (127.0.0.1)',
      ],
      ['https://git.example.com/r.git', { lookup: answers('::ffff:127.0.0.1') }, 'resolves to a loopback address'],
      ['https://git.example.com/r.git', { lookup: answers('::ffff:7f00:1') }, 'resolves to a reserved address'],
      ['https://git.example.com/r.git', { lookup: answers('169.254.169.254') }, 'resolves to a link-local address'],
      ['https://git.example.com/r.git', { lookup: answers('0.0.0.0') }, 'resolves to a unspecified address'],
      ['https://git.example.com/r.git', { lookup: answers('192.168.1.10') }, 'resolves to a private address'],
      ['https://git.example.com/r.git', { lookup: answers('fd00::1') }, 'resolves to a private address'],
      [
        'https://git.example.com/r.git',
        { lookup: answers('127.0.0.1'), allowPrivateHosts: true },
        'resolves to a loopback address',
      ],
      ['not a url', {}, 'neither an absolute path nor a URL'],
    ] as Array<[string, Partial<ImportSourcePolicyOptions>, string]>)('refuses %s', async (source, options, reason) => {
      await expect(policy(options).decide(source)).rejects.toThrow(reason);
    });

    it('accepts private hosts and ssh:// only when the operator allows them', async () => {
      await expect(
        policy({ lookup: answers('10.1.2.3'), allowPrivateHosts: true }).decide('https://git.internal/r.git'),
      ).resolves.toMatchObject({ addresses: ['10.1.2.3'] });
      await expect(policy({ allowSsh: true }).decide('ssh://git@git.example.com:2222/r.git')).resolves.toMatchObject({
        scheme: 'ssh',
        port: 2222,
      });
    });
  });
});

describe('cloneInvocation', () => {
  it('pins an https host to the checked addresses and allows https only', () => {
    const { args, env } = cloneInvocation(
      {
        kind: 'url',
        scheme: 'https',
        url: 'https://git.example.com/r.git',
        host: 'git.example.com',
        port: 443,
        addresses: ['93.184.216.34', '2606:2800:220:1::1'],
      },
      '/forge/copy.git',
      '/tmp/home',
    );
    expect(args).toEqual(
      expect.arrayContaining([
        'protocol.allow=never',
        'protocol.https.allow=always',
        'http.followRedirects=false',
        'http.curloptResolve=git.example.com:443:93.184.216.34,[2606:2800:220:1::1]',
      ]),
    );
    expect(args.filter((arg) => /^protocol\.\w+\.allow=always$/.test(arg))).toEqual(['protocol.https.allow=always']);
    expect(args.slice(-3)).toEqual(['--', 'https://git.example.com/r.git', '/forge/copy.git']);
    expect(Object.keys(env).sort()).toEqual([
      'GIT_CONFIG_GLOBAL',
      'GIT_CONFIG_NOSYSTEM',
      'GIT_SSH_COMMAND',
      'GIT_SSH_VARIANT',
      'GIT_TERMINAL_PROMPT',
      'HOME',
      'LANG',
      'LC_ALL',
      'PATH',
    ]);
  });

  it('clones a path through upload-pack --strict with the file transport only', () => {
    const { args } = cloneInvocation({ kind: 'path', gitDir: '/srv/git/r/.git' }, '/forge/copy.git', '/tmp/home');
    expect(args).toEqual(
      expect.arrayContaining(['protocol.file.allow=always', '--no-local', '--upload-pack', 'git upload-pack --strict']),
    );
    expect(args.filter((arg) => /^protocol\.\w+\.allow=always$/.test(arg))).toEqual(['protocol.file.allow=always']);
  });

  it('connects ssh to the checked address without any identity', () => {
    const { env } = cloneInvocation(
      {
        kind: 'url',
        scheme: 'ssh',
        url: 'ssh://git@git.example.com/r.git',
        host: 'git.example.com',
        port: 22,
        addresses: ['93.184.216.34'],
      },
      '/forge/copy.git',
      '/tmp/home',
    );
    expect(env['GIT_SSH_COMMAND']).toContain('-F /dev/null');
    expect(env['GIT_SSH_COMMAND']).toContain('-o IdentityFile=/dev/null -o IdentityAgent=none');
    expect(env['GIT_SSH_COMMAND']).toContain('-o HostKeyAlias=git.example.com -o HostName=93.184.216.34');
  });
});
