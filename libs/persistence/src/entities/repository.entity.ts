import { LINT_MODES, type LintMode, type RequiredCheck } from '@patchbay/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { GithubInstallationEntity } from './github-installation.entity';
import { OrganisationEntity } from './organisation.entity';

@Entity({ name: 'repositories' })
@Index('uq_repositories_organisation_full_name', ['organisationId', 'fullName'], { unique: true })
export class RepositoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ name: 'full_name', type: 'varchar', length: 201 })
  fullName!: string;

  @Column({ type: 'enum', enum: ['github', 'local'], enumName: 'repository_source' })
  source!: 'github' | 'local';

  /** For the local forge: the bare repository on disk that sandboxes clone from. */
  @Column({ name: 'clone_url', type: 'varchar', length: 2000, nullable: true })
  cloneUrl!: string | null;

  @Column({ name: 'default_branch', type: 'varchar', length: 255, default: 'main' })
  defaultBranch!: string;

  /** The organisation's allow-list: tasks may only target repositories with `allowed = true`. */
  @Column({ type: 'boolean', default: true })
  allowed!: boolean;

  @Column({ name: 'github_installation_id', type: 'uuid', nullable: true })
  githubInstallationId!: string | null;

  @ManyToOne(() => GithubInstallationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'github_installation_id' })
  githubInstallation?: GithubInstallationEntity;

  @Column({ name: 'test_command', type: 'varchar', length: 2000, nullable: true })
  testCommand!: string | null;

  @Column({ name: 'lint_command', type: 'varchar', length: 2000, nullable: true })
  lintCommand!: string | null;

  /** How the linter runs as a check: `off`, `auto` (detected in the repository) or `command` (lintCommand). */
  @Column({ name: 'lint_mode', type: 'enum', enum: LINT_MODES, enumName: 'repository_lint_mode', default: 'auto' })
  lintMode!: LintMode;

  @Column({ name: 'setup_command', type: 'varchar', length: 2000, nullable: true })
  setupCommand!: string | null;

  /** Named commands every task's final diff must pass (or a person waive); null lets `.patchbay.yml` decide. */
  @Column({ name: 'required_checks', type: 'jsonb', nullable: true })
  requiredChecks!: RequiredCheck[] | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  env!: Record<string, string>;

  /**
   * Secret environment variables: name → value sealed by the key provider (sealToText, bound to
   * this repository and name). Write-only through the API: only the names are ever returned.
   */
  @Column({ name: 'secret_env', type: 'jsonb', default: () => "'{}'" })
  secretEnv!: Record<string, string>;

  @Column({ name: 'auto_approve_plan', type: 'boolean', default: false })
  autoApprovePlan!: boolean;

  @Column({ name: 'auto_approve_diff', type: 'boolean', default: false })
  autoApproveDiff!: boolean;

  /**
   * The four-eyes rule: a task's author cannot approve its own diff, and diffs are never approved
   * automatically, so every change that reaches a pull request was approved by a second person.
   */
  @Column({ name: 'require_separate_approver', type: 'boolean', default: false })
  requireSeparateApprover!: boolean;

  /**
   * Whether a change may be finished while tests that already failed on the base commit still
   * fail (they are listed in the pull request). Off means the task must fix those too.
   */
  @Column({ name: 'allow_preexisting_failures', type: 'boolean', default: true })
  allowPreexistingFailures!: boolean;

  @Column({ name: 'trigger_label', type: 'varchar', length: 50, default: 'patchbay' })
  triggerLabel!: string;

  @Column({ name: 'draft_pull_requests', type: 'boolean', default: true })
  draftPullRequests!: boolean;

  /**
   * `host:port` pairs the repository's task sandboxes may reach through the egress proxy besides
   * their network mode's (ADR 0032); set only by admins, through an audited route.
   */
  @Column({ name: 'egress_allowed_hosts', type: 'jsonb', default: () => "'[]'" })
  egressAllowedHosts!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
