import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { UserEntity } from '../entities';

export interface GithubProfile {
  githubId: string;
  login: string;
  displayName: string | null;
  avatarUrl: string | null;
}

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  /** Dev logins are keyed by login alone; there is no external identity to check. */
  async upsertByLogin(login: string): Promise<UserEntity> {
    await this.dataSource.query('INSERT INTO users (login) VALUES ($1) ON CONFLICT (login) DO NOTHING', [login]);
    return this.dataSource.getRepository(UserEntity).findOneByOrFail({ login });
  }

  /**
   * The account a GitHub user's triggers run under: found by GitHub id (or login), created on
   * first use. No membership comes with it — triggering work does not grant dashboard access.
   */
  async findOrCreateGithubUser(githubId: string, login: string): Promise<UserEntity> {
    const repo = this.dataSource.getRepository(UserEntity);
    const existing = (await repo.findOneBy({ githubId })) ?? (await repo.findOneBy({ login, githubId: IsNull() }));
    if (existing) {
      if (existing.githubId === null || existing.login !== login)
        return repo.save(Object.assign(existing, { githubId, login }));
      return existing;
    }
    return repo.save(repo.create({ githubId, login }));
  }

  /** GitHub logins are keyed by GitHub's numeric id, which survives a renamed account. */
  async upsertGithubUser(profile: GithubProfile): Promise<UserEntity> {
    const repo = this.dataSource.getRepository(UserEntity);
    const existing =
      (await repo.findOneBy({ githubId: profile.githubId })) ?? (await repo.findOneBy({ login: profile.login }));
    const user = existing ?? repo.create();
    Object.assign(user, profile);
    return repo.save(user);
  }
}
