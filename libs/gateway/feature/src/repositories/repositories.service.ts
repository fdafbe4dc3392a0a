import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { repositorySecretAad, sealToText, type KeyProvider } from '@patchbay/secrets';
import { KEY_PROVIDERS } from '../credentials/credentials.service';
import type { LintMode, RegisterRepositoryRequest, RepositorySettings } from '@patchbay/contracts';
import { RepositoryRepository, type RepositoryEntity } from '@patchbay/persistence';
import { LocalForgeImportService } from './local-forge-import.service';
import type { RepositoryView } from '@patchbay/contracts';
import { toRepositoryView } from './repository-view';
import {
  diffForAudit,
  noteAuditChanges,
  SECRET_REPLACED,
  SECRET_SET,
  SECRET_UNSET,
  type AuditChange,
} from '../audit/audit-changes';

@Injectable()
export class RepositoriesService {
  constructor(
    private readonly repositories: RepositoryRepository,
    private readonly forge: LocalForgeImportService,
    @Inject(KEY_PROVIDERS) private readonly keyProviders: readonly KeyProvider[],
  ) {}

  async list(organisationId: string): Promise<RepositoryView[]> {
    return (await this.repositories.list(organisationId)).map(toRepositoryView);
  }

  async get(organisationId: string, id: string): Promise<RepositoryView> {
    return toRepositoryView(await this.require(organisationId, id));
  }

  async register(organisationId: string, request: RegisterRepositoryRequest): Promise<RepositoryView> {
    if (await this.repositories.findByFullName(organisationId, request.fullName)) {
      throw new ConflictException(`Repository ${request.fullName} is already registered`);
    }
    assertFourEyesConsistent({
      autoApproveDiff: false,
      requireSeparateApprover: false,
      ...settingsColumns(request.settings ?? {}),
    });
    const lint = {
      lintCommand: request.settings?.lintCommand ?? null,
      lintMode: impliedLintMode(request.settings ?? {}, 'auto'),
    };
    assertLintModeConsistent(lint);
    // The id comes first: the forge copy's path is made of it, and secrets are sealed to it, so
    // the row is written once, complete, after everything that can fail.
    const id = randomUUID();
    const secretEnv = request.settings?.secretEnv ? await this.sealSecretEnv(id, {}, request.settings.secretEnv) : {};
    const imported =
      request.source === 'local' ? await this.forge.importRepository(organisationId, id, request.importFrom) : null;
    try {
      const entity = await this.repositories.create({
        id,
        organisationId,
        fullName: request.fullName,
        source: request.source,
        cloneUrl: imported?.cloneUrl ?? null,
        defaultBranch: request.defaultBranch ?? imported?.defaultBranch ?? 'main',
        allowed: true,
        ...settingsColumns(request.settings ?? {}),
        lintMode: lint.lintMode,
        secretEnv,
      });
      return toRepositoryView(entity);
    } catch (error) {
      // E.g. the same name registered a moment earlier by a concurrent request (a 409): its copy
      // must not outlive the refused registration.
      if (imported) await this.forge.remove(organisationId, id);
      throw error;
    }
  }

  async update(
    organisationId: string,
    id: string,
    change: { allowed?: boolean; settings?: RepositorySettings },
  ): Promise<RepositoryView> {
    const entity = await this.require(organisationId, id);
    // A deep copy: the entity is changed in place below.
    const before = structuredClone(toRepositoryView(entity));
    const hadSecrets = new Set(Object.keys(entity.secretEnv ?? {}));
    if (change.allowed !== undefined) entity.allowed = change.allowed;
    Object.assign(entity, settingsColumns(change.settings ?? {}));
    entity.lintMode = impliedLintMode(change.settings ?? {}, entity.lintMode);
    assertFourEyesConsistent(entity);
    assertLintModeConsistent(entity);
    if (change.settings?.secretEnv)
      entity.secretEnv = await this.sealSecretEnv(entity.id, entity.secretEnv, change.settings.secretEnv);
    const after = toRepositoryView(await this.repositories.save(entity));
    noteAuditChanges(repositoryChanges(before, after, hadSecrets, change.settings?.secretEnv ?? {}));
    return after;
  }

  /** Applies a secret-env change: values are sealed (bound to this repository and name), nulls remove. */
  private async sealSecretEnv(
    repositoryId: string,
    sealed: Record<string, string>,
    change: Record<string, string | null>,
  ): Promise<Record<string, string>> {
    const [current] = this.keyProviders;
    if (!current) throw new Error('no key provider is configured');
    const next = { ...sealed };
    for (const [name, value] of Object.entries(change)) {
      if (value === null) delete next[name];
      else next[name] = await sealToText(current, value, repositorySecretAad(repositoryId, name));
    }
    return next;
  }

  private async require(organisationId: string, id: string): Promise<RepositoryEntity> {
    const entity = await this.repositories.findById(organisationId, id);
    if (!entity) throw new NotFoundException(`No repository with id ${id}`);
    return entity;
  }
}

/**
 * A diff that needs a second person's approval cannot also be approved by nobody. Checked on the
 * settings as they would be stored, so turning the rule on over an auto-approving repository is
 * refused too rather than silently switching auto-approval off.
 */
function assertFourEyesConsistent(
  settings: Pick<RepositoryEntity, 'autoApproveDiff' | 'requireSeparateApprover'>,
): void {
  if (settings.autoApproveDiff && settings.requireSeparateApprover) {
    throw new BadRequestException(
      "settings: autoApproveDiff and requireSeparateApprover cannot both be on: a diff that needs a second person's approval cannot be approved automatically",
    );
  }
}

/**
 * The lint mode a change leaves: the one it names; otherwise a lint command set without a mode
 * means `command` (how clients before the setting asked for their linter to run), and clearing the
 * command of a repository in `command` mode goes back to `auto` (as clearing it did before).
 */
function impliedLintMode(settings: RepositorySettings, current: LintMode): LintMode {
  if (settings.lintMode) return settings.lintMode;
  if (settings.lintCommand) return 'command';
  if (settings.lintCommand === null && current === 'command') return 'auto';
  return current;
}

function assertLintModeConsistent(settings: Pick<RepositoryEntity, 'lintMode' | 'lintCommand'>): void {
  if (settings.lintMode === 'command' && !settings.lintCommand) {
    throw new BadRequestException(
      'settings: lintMode "command" needs a lintCommand; set one, or use "auto" to let Patchbay find the linter',
    );
  }
}

/** Only the settings the caller sent; absent keys leave the stored value alone. */
function settingsColumns(settings: RepositorySettings): Partial<RepositoryEntity> {
  const columns: Partial<RepositoryEntity> = {};
  if (settings.testCommand !== undefined) columns.testCommand = settings.testCommand;
  if (settings.lintCommand !== undefined) columns.lintCommand = settings.lintCommand;
  if (settings.setupCommand !== undefined) columns.setupCommand = settings.setupCommand;
  if (settings.requiredChecks !== undefined) columns.requiredChecks = settings.requiredChecks;
  if (settings.env !== undefined) columns.env = settings.env;
  if (settings.autoApprovePlan !== undefined) columns.autoApprovePlan = settings.autoApprovePlan;
  if (settings.autoApproveDiff !== undefined) columns.autoApproveDiff = settings.autoApproveDiff;
  if (settings.requireSeparateApprover !== undefined)
    columns.requireSeparateApprover = settings.requireSeparateApprover;
  if (settings.allowPreexistingFailures !== undefined)
    columns.allowPreexistingFailures = settings.allowPreexistingFailures;
  if (settings.triggerLabel !== undefined) columns.triggerLabel = settings.triggerLabel;
  if (settings.draftPullRequests !== undefined) columns.draftPullRequests = settings.draftPullRequests;
  return columns;
}

/**
 * What an update changed, old → new, for the audit log: the allow-list flag and each setting. A
 * secret's value never appears, only whether one was set, replaced or removed.
 */
function repositoryChanges(
  before: RepositoryView,
  after: RepositoryView,
  hadSecrets: ReadonlySet<string>,
  secretChange: Record<string, string | null>,
): AuditChange[] {
  const { secretEnvNames: _before, ...settingsBefore } = before.settings;
  const { secretEnvNames: _after, ...settingsAfter } = after.settings;
  const changes = diffForAudit(
    { allowed: before.allowed, settings: settingsBefore },
    { allowed: after.allowed, settings: settingsAfter },
  );
  for (const [name, value] of Object.entries(secretChange)) {
    const had = hadSecrets.has(name);
    if (value === null && !had) continue;
    changes.push({
      field: `settings.secretEnv.${name}`,
      from: had ? SECRET_SET : SECRET_UNSET,
      to: value === null ? SECRET_UNSET : had ? SECRET_REPLACED : SECRET_SET,
    });
  }
  return changes;
}
