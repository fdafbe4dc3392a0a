import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A real git repository in a temporary directory, for specs: write files (or symlinks), commit,
 * get the commit id. Commits carry a fixed author and date so ids do not depend on the clock.
 */
export class FixtureRepository {
  private commits = 0;

  private constructor(readonly path: string) {}

  static create(files: Record<string, string | Buffer> = {}): FixtureRepository {
    const repo = new FixtureRepository(mkdtempSync(join(tmpdir(), 'repo-intel-fixture-')));
    repo.git('init', '-q', '-b', 'main');
    repo.write(files);
    return repo;
  }

  write(files: Record<string, string | Buffer>): this {
    for (const [name, content] of Object.entries(files)) {
      const path = join(this.path, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    return this;
  }

  symlink(name: string, target: string): this {
    const path = join(this.path, name);
    mkdirSync(dirname(path), { recursive: true });
    symlinkSync(target, path);
    return this;
  }

  remove(...names: string[]): this {
    for (const name of names) unlinkSync(join(this.path, name));
    return this;
  }

  /** Stages files even if .gitignore matches them, as `git add -f` does. */
  forceAdd(...names: string[]): this {
    this.git('add', '-f', '--', ...names);
    return this;
  }

  /** Stages everything (including removals) and commits; returns the new commit id. */
  commit(message = `commit ${this.commits + 1}`): string {
    this.commits++;
    this.git('add', '-A');
    const date = `2024-01-01T00:00:${String(this.commits).padStart(2, '0')}Z`;
    execFileSync(
      'git',
      [
        '-c',
        'user.email=fixture@patchbay.local',
        '-c',
        'user.name=Fixture',
        'commit',
        '-q',
        '--allow-empty',
        '-m',
        message,
      ],
      {
        cwd: this.path,
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
        stdio: 'pipe',
      },
    );
    return this.git('rev-parse', 'HEAD').trim();
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.path, stdio: 'pipe' }).toString();
  }

  cleanup(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
