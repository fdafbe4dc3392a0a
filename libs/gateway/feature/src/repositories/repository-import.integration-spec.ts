import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RepositoryRepository } from '@patchbay/persistence';
import {
  asDatabaseOwner,
  createGitRepository,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';
import { QueryFailedError } from 'typeorm';
import { IMPORT_SOURCE_NOT_ALLOWED } from './import-source-not-allowed.exception';

/**
 * Regression tests for the attack run's repository-import findings (issue 14, item 1): a name
 * that shared one forge directory between organisations, imports that read any git repository on
 * the host or reached its loopback services, error messages that mapped the host, and git runs
 * that carried the gateway's own environment and SSH identity.
 */
describe('repository import (issue 14, item 1)', () => {
  /**
   * The only directory path imports may come from in this spec; createGitRepository's own
   * repositories lie outside it. The gateway's DATA_DIR lies inside it, as when an operator lists
   * a parent of the data directory: the forge must stay refused all the same.
   */
  const root = mkdtempSync(path.join(os.tmpdir(), 'patchbay-import-root-'));
  const dataDir = path.join(root, 'data');
  let gw: GatewayTestApp;

  beforeAll(async () => {
    mkdirSync(dataDir);
    gw = await startGatewayTestApp({ env: { FORGE_IMPORT_ROOTS: root, DATA_DIR: dataDir } });
  }, 60_000);

  afterAll(async () => {
    await gw?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** A git repository inside the import root. */
  function repositoryInRoot(files: Record<string, string> = { 'README.md': '# inside\n' }): string {
    const target = path.join(root, uniqueName('repo'));
    renameSync(createGitRepository(files), target);
    return target;
  }

  async function admin(): Promise<{ token: string; organisationId: string }> {
    return gw.login(uniqueName('admin'), uniqueName('org'));
  }

  function register(token: string, body: Record<string, unknown>) {
    return gw.http.post('/api/v1/repositories').set('authorization', `Bearer ${token}`).send(body);
  }

  const forge = (): string => path.join(gw.config.DATA_DIR, 'forge');

  function forgeEntries(organisationId: string): string[] {
    const dir = path.join(forge(), organisationId);
    return existsSync(dir) ? readdirSync(dir) : [];
  }

  async function repositoryRows(
    organisationId: string,
  ): Promise<Array<{ id: string; full_name: string; clone_url: string }>> {
    return asDatabaseOwner(
      async (db) =>
        (
          await db.query(
            'SELECT id, full_name, clone_url FROM repositories WHERE organisation_id = $1 ORDER BY created_at',
            [organisationId],
          )
        ).rows,
    );
  }

  const headOf = (gitDir: string): string =>
    execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const fileIn = (gitDir: string, file: string): string =>
    execFileSync('git', ['--git-dir', gitDir, 'show', `HEAD:${file}`], { encoding: 'utf8' });

  describe('finding: two organisations could share and overwrite one forge repository', () => {
    it.each([
      ['../shared', 'the owner cannot be "." or ".."'],
      ['acme/..', 'the name cannot be "." or ".."'],
      ['./shared', 'the owner cannot be "." or ".."'],
      ['.config/shared', 'the owner cannot start with "."'],
      ['acme/.git', 'the name cannot be ".git"'],
      ['acme/nested/shared', 'exactly two names separated by one "/" (got 2 "/")'],
      ['acme\\shared/x', 'the owner may contain only letters, digits, "-", "_" and "."'],
      ['acme/', 'the name is empty'],
    ])('refuses the name %s with a 400 naming the problem, before anything is imported', async (fullName, problem) => {
      const { token, organisationId } = await admin();
      const response = await register(token, { source: 'local', fullName, importFrom: repositoryInRoot() });
      expect({ status: response.status, message: response.body.message }).toEqual({
        status: 400,
        message: `fullName: repository must be "owner/name": ${problem}`,
      });
      expect(forgeEntries(organisationId)).toEqual([]);
      expect(existsSync(path.join(forge(), 'shared.git'))).toBe(false);
      expect(await repositoryRows(organisationId)).toEqual([]);
    });

    it('gives two organisations importing the same name separate copies under their ids, and leaves the first copy untouched', async () => {
      const first = await admin();
      const second = await admin();
      const fullName = 'shared/project';
      const a = (
        await register(first.token, {
          source: 'local',
          fullName,
          importFrom: repositoryInRoot({ 'owner.txt': 'first organisation\n' }),
        }).expect(201)
      ).body as { id: string };
      const [firstRow] = await repositoryRows(first.organisationId);
      expect(firstRow?.clone_url).toBe(path.join(forge(), first.organisationId, `${a.id}.git`));
      const firstHead = headOf(firstRow.clone_url);

      const b = (
        await register(second.token, {
          source: 'local',
          fullName,
          importFrom: repositoryInRoot({ 'owner.txt': 'second organisation\n' }),
        }).expect(201)
      ).body as { id: string };
      const [secondRow] = await repositoryRows(second.organisationId);
      expect(secondRow?.clone_url).toBe(path.join(forge(), second.organisationId, `${b.id}.git`));

      expect(headOf(firstRow.clone_url)).toBe(firstHead);
      expect(fileIn(firstRow.clone_url, 'owner.txt')).toBe('first organisation\n');
      expect(fileIn(secondRow.clone_url, 'owner.txt')).toBe('second organisation\n');
      // Nothing named after the repository anywhere in the forge.
      expect(forgeEntries(first.organisationId)).toEqual([`${a.id}.git`]);
      expect(forgeEntries(second.organisationId)).toEqual([`${b.id}.git`]);
    });
  });

  describe('finding: import read any git repository on the host and reached loopback services, with a directory and port oracle', () => {
    it('imports a repository under an import root', async () => {
      const { token, organisationId } = await admin();
      const response = await register(token, {
        source: 'local',
        fullName: 'acme/inside',
        importFrom: repositoryInRoot({ 'README.md': '# inside the root\n' }),
      }).expect(201);
      expect(response.body).toMatchObject({ fullName: 'acme/inside', defaultBranch: 'main' });
      const [row] = await repositoryRows(organisationId);
      expect(fileIn(row.clone_url, 'README.md')).toBe('# inside the root\n');
    });

    it('refuses every source outside the allowed ones with one identical 422, and imports nothing', async () => {
      const victim = await admin();
      await register(victim.token, {
        source: 'local',
        fullName: 'victim/secret',
        importFrom: repositoryInRoot({ 'secret.txt': 'the victim organisation\n' }),
      }).expect(201);
      const [victimRow] = await repositoryRows(victim.organisationId);
      const outside = createGitRepository({ 'README.md': '# outside every root\n' });
      const escape = path.join(root, uniqueName('escape'));
      symlinkSync(outside, escape);
      const escapeToForge = path.join(root, uniqueName('escape-forge'));
      symlinkSync(victimRow.clone_url, escapeToForge);

      const sources = [
        '/proc/self/cwd', // the gateway's working directory: this monorepo, a git repository
        escape, // a symlink inside the root that leads out of it
        escapeToForge, // a symlink inside the root that leads into another organisation's copy
        victimRow.clone_url, // another organisation's forge copy, named directly
        forge(), // the forge tree itself
        outside, // an existing repository outside the roots
        path.join(root, 'does-not-exist'), // inside the root, but not there: same answer as an existing one
        '/nonexistent/path',
        `file://${outside}`,
        `file://${repositoryInRoot()}`, // file:// even for a path that is allowed as a plain path
        'http://127.0.0.1:5432/acme/db.git',
        'https://127.0.0.1/acme/repo.git',
        'https://localhost:5432/acme/repo.git',
        'https://[::1]/acme/repo.git',
        'https://169.254.169.254/latest/meta-data.git',
        'https://10.0.0.1/acme/repo.git',
        'ssh://git@127.0.0.1/acme/repo.git',
        'ssh://git@github.com/acme/repo.git', // ssh:// is off unless FORGE_IMPORT_ALLOW_SSH=true
        'git://127.0.0.1/acme/repo.git',
        'ext::sh -c touch% /tmp/pwned',
        'relative/path',
      ];
      const attacker = await admin();
      const answers = new Map<string, { status: number; message: string }>();
      for (const [index, importFrom] of sources.entries()) {
        const response = await register(attacker.token, {
          source: 'local',
          fullName: `attacker/probe-${index}`,
          importFrom,
        });
        answers.set(importFrom, { status: response.status, message: response.body.message });
      }
      const expected = { status: 422, message: IMPORT_SOURCE_NOT_ALLOWED };
      expect(Object.fromEntries(answers)).toEqual(Object.fromEntries(sources.map((source) => [source, expected])));
      expect(IMPORT_SOURCE_NOT_ALLOWED).toMatch(/^importFrom is not an allowed import source/);
      expect(forgeEntries(attacker.organisationId)).toEqual([]);
      expect(await repositoryRows(attacker.organisationId)).toEqual([]);
      expect(fileIn(victimRow.clone_url, 'secret.txt')).toBe('the victim organisation\n');
    });
  });

  describe('finding: git ran with the gateway process environment', () => {
    const original = { ...process.env };

    afterEach(() => {
      for (const name of Object.keys(process.env)) if (!(name in original)) delete process.env[name];
      Object.assign(process.env, original);
    });

    it('does not honour a planted HOME/.gitconfig, GIT_CONFIG_GLOBAL or GIT_CONFIG_* redirecting the import elsewhere', async () => {
      const { token, organisationId } = await admin();
      const wanted = realpathSync(repositoryInRoot({ 'README.md': '# the repository asked for\n' }));
      const decoy = createGitRepository({ 'README.md': '# a decoy git was redirected to\n' });
      const home = mkdtempSync(path.join(os.tmpdir(), 'patchbay-planted-home-'));
      const rewrite = `[url "${decoy}"]\n\tinsteadOf = ${wanted}\n`;
      writeFileSync(path.join(home, '.gitconfig'), rewrite);
      Object.assign(process.env, {
        HOME: home,
        GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: `url.${decoy}.insteadOf`,
        GIT_CONFIG_VALUE_0: wanted,
      });

      await register(token, { source: 'local', fullName: 'acme/wanted', importFrom: wanted }).expect(201);
      const [row] = await repositoryRows(organisationId);
      expect(fileIn(row.clone_url, 'README.md')).toBe('# the repository asked for\n');
    });

    describe('with ssh:// imports allowed', () => {
      let sshGateway: GatewayTestApp;

      beforeAll(async () => {
        sshGateway = await startGatewayTestApp({
          env: { FORGE_IMPORT_ALLOW_SSH: 'true', FORGE_IMPORT_ALLOW_PRIVATE_HOSTS: 'true' },
        });
      }, 60_000);

      afterAll(() => sshGateway?.close());

      it('starts ssh with no config, agent or identity of the service account, pinned to the checked address', async () => {
        // A stand-in ssh first on PATH records how git started it, then fails like an unreachable host.
        const bin = mkdtempSync(path.join(os.tmpdir(), 'patchbay-fake-ssh-'));
        const record = path.join(bin, 'record');
        writeFileSync(
          path.join(bin, 'ssh'),
          `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}.args'\nenv > '${record}.env'\nexit 255\n`,
        );
        chmodSync(path.join(bin, 'ssh'), 0o755);
        Object.assign(process.env, {
          PATH: `${bin}:${process.env['PATH'] ?? ''}`,
          SSH_AUTH_SOCK: path.join(bin, 'planted-agent.sock'),
          GIT_SSH_COMMAND: `ssh -i ${path.join(bin, 'service-account-key')}`,
        });
        const session = await sshGateway.login(uniqueName('admin'), uniqueName('org'));

        const response = await sshGateway.http
          .post('/api/v1/repositories')
          .set('authorization', `Bearer ${session.token}`)
          .send({ source: 'local', fullName: 'acme/over-ssh', importFrom: 'ssh://git@10.20.30.40/acme/over-ssh.git' });

        const args = readFileSync(`${record}.args`, 'utf8').split('\n');
        const env = readFileSync(`${record}.env`, 'utf8');
        expect(args).not.toContain('-i');
        expect(args).toEqual(
          expect.arrayContaining([
            '-F',
            '/dev/null',
            'IdentityFile=/dev/null',
            'IdentitiesOnly=yes',
            'IdentityAgent=none',
            'BatchMode=yes',
            'HostName=10.20.30.40',
          ]),
        );
        expect(env).not.toContain('SSH_AUTH_SOCK');
        expect(env).not.toContain('planted');
        expect(env).not.toContain('service-account-key');
        expect(env).toMatch(/^HOME=.*patchbay-import-/m);
        expect({ status: response.status, message: response.body.message }).toEqual({
          status: 422,
          message: IMPORT_SOURCE_NOT_ALLOWED,
        });
      });
    });
  });

  describe('finding: a failed import could leave a copy or a row behind', () => {
    it('removes the partial copy when git fails, and records nothing', async () => {
      const { token, organisationId } = await admin();
      // A repository whose only file's content is missing: the policy accepts it, git fails mid-clone.
      const corrupt = repositoryInRoot({ 'README.md': '# soon unreadable\n' });
      const blob = execFileSync('git', ['rev-parse', 'HEAD:README.md'], { cwd: corrupt, encoding: 'utf8' }).trim();
      rmSync(path.join(corrupt, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));

      const response = await register(token, { source: 'local', fullName: 'acme/corrupt', importFrom: corrupt });

      expect({ status: response.status, message: response.body.message }).toEqual({
        status: 422,
        message: IMPORT_SOURCE_NOT_ALLOWED,
      });
      expect(existsSync(path.join(forge(), organisationId))).toBe(false);
      expect(await repositoryRows(organisationId)).toEqual([]);
    });

    it('removes the copy when the database refuses the row after the clone', async () => {
      const { token, organisationId } = await admin();
      const repositories = gw.app.get(RepositoryRepository);
      const duplicate = Object.assign(
        new Error('duplicate key value violates unique constraint "uq_repositories_organisation_full_name"'),
        { code: '23505' },
      );
      const create = jest.spyOn(repositories, 'create').mockImplementationOnce(async (fields) => {
        // The clone is in place when the insert fails, as with a concurrent registration of the same name.
        expect(forgeEntries(organisationId)).toEqual([`${fields.id}.git`]);
        throw new QueryFailedError('INSERT INTO "repositories" …', [], duplicate);
      });
      try {
        const response = await register(token, {
          source: 'local',
          fullName: 'acme/raced',
          importFrom: repositoryInRoot(),
        });
        expect(response.status).toBe(409);
        expect(create).toHaveBeenCalledTimes(1);
      } finally {
        create.mockRestore();
      }
      expect(existsSync(path.join(forge(), organisationId))).toBe(false);
      expect(await repositoryRows(organisationId)).toEqual([]);
    });
  });

  it('keeps the forge free of anything named by a user', () => {
    mkdirSync(forge(), { recursive: true });
    for (const organisation of readdirSync(forge())) {
      expect(organisation).toMatch(/^[0-9a-f-]{36}$/);
      for (const copy of readdirSync(path.join(forge(), organisation))) expect(copy).toMatch(/^[0-9a-f-]{36}\.git$/);
    }
  });
});
