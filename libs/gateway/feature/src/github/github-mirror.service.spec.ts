import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GithubAppClient } from '@patchbay/github';
import type { RepositoryEntity, RepositoryRepository } from '@patchbay/persistence';
import { gatewayConfigSchema } from '../gateway-config';
import { GithubMirrorService } from './github-mirror.service';

describe('GithubMirrorService', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'patchbay-mirror-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the mirror at DATA_DIR/forge/<organisation id>/<repository id>.git and points a row with an older place there', async () => {
    const remote = path.join(dataDir, 'remote');
    execFileSync('git', ['init', '-q', '-b', 'main', remote]);
    writeFileSync(path.join(remote, 'README.md'), '# on GitHub\n');
    execFileSync('git', ['-C', remote, 'add', '.']);
    execFileSync('git', [
      '-C',
      remote,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '-qm',
      'initial',
    ]);
    const github = { installationToken: async () => 'ghs_test', cloneUrl: () => remote } as unknown as GithubAppClient;
    const setCloneUrl = jest.fn(async () => undefined);
    const mirrors = new GithubMirrorService(github, gatewayConfigSchema.parse({ DATA_DIR: dataDir }), {
      setCloneUrl,
    } as unknown as RepositoryRepository);
    const repository = {
      id: randomUUID(),
      organisationId: randomUUID(),
      fullName: 'octo/../greeter',
      cloneUrl: path.join(dataDir, 'forge', 'org', 'octo', 'greeter.git'),
    } as RepositoryEntity;

    await mirrors.refresh(repository, 1);

    const expected = path.join(dataDir, 'forge', repository.organisationId, `${repository.id}.git`);
    expect(execFileSync('git', ['--git-dir', expected, 'show', 'HEAD:README.md'], { encoding: 'utf8' })).toBe(
      '# on GitHub\n',
    );
    expect(setCloneUrl).toHaveBeenCalledWith(repository.id, expected);
    expect(repository.cloneUrl).toBe(expected);
    expect(existsSync(path.join(dataDir, 'forge', 'greeter.git'))).toBe(false);

    setCloneUrl.mockClear();
    await mirrors.refresh(repository, 1);
    expect(setCloneUrl).not.toHaveBeenCalled();
  });
});
