import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OrganisationRepository, RepositoryRepository, UserRepository } from '@patchbay/persistence';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { RepositoriesService } from '../repositories/repositories.service';
import { TasksService } from '../tasks/tasks.service';
import { DEMO_FILES, DEMO_PROMPT, DEMO_REPOSITORY } from './demo-project';
import { DEMO_ENABLED, demoSourceRoot } from './demo-source';

export { DEMO_ENABLED } from './demo-source';
const DEMO_LOGIN = 'patchbay-demo';

/**
 * On the first all-in-one start without a model configured: imports the demo project into the
 * local forge and starts a task on it, so a new user finds a task running through every stage.
 * Runs once per organisation. The demo's author is a service account that never joins the
 * organisation: only an organisation's first member becomes its admin, and that must be the first
 * person to sign in.
 */
@Injectable()
export class DemoSeederService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeederService.name);

  constructor(
    @Inject(DEMO_ENABLED) private readonly enabled: boolean,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly repositoryRecords: RepositoryRepository,
    private readonly repositories: RepositoriesService,
    private readonly tasks: TasksService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    try {
      await this.seed();
    } catch (error) {
      this.logger.warn({
        msg: 'the offline demo could not be prepared',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async seed(): Promise<void> {
    const user = await this.users.upsertByLogin(DEMO_LOGIN);
    const organisation = await this.organisations.ensureOrganisation(this.config.DEFAULT_ORGANISATION);
    if (await this.repositoryRecords.findByFullName(organisation.id, DEMO_REPOSITORY)) return;
    const source = this.writeDemoSource();
    await this.repositories.register(organisation.id, {
      source: 'local',
      fullName: DEMO_REPOSITORY,
      importFrom: source,
    });
    const task = await this.tasks.create(
      { userId: user.id, login: user.login, organisationId: organisation.id, role: 'developer' },
      { repository: DEMO_REPOSITORY, prompt: DEMO_PROMPT, autoApprove: { plan: true, diff: true } },
    );
    this.logger.log({
      msg: 'offline demo started: a scripted model is fixing a failing test in the demo repository',
      taskId: task.id,
      repository: DEMO_REPOSITORY,
    });
  }

  private writeDemoSource(): string {
    const dir = path.join(demoSourceRoot(this.config.DATA_DIR), 'demo-invoice');
    if (!existsSync(path.join(dir, '.git'))) {
      for (const [file, content] of Object.entries(DEMO_FILES)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), content);
      }
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
      git('init', '-q', '-b', 'main');
      git('add', '.');
      git('-c', 'user.name=Patchbay', '-c', 'user.email=patchbay@localhost', 'commit', '-qm', 'Invoice totals');
    }
    return dir;
  }
}
