import { z } from 'zod';
import { LINT_MODES } from '../lint-mode';
import { MAX_REQUIRED_CHECKS, requiredCheckSchema } from '../required-checks';
import { branchNameSchema, repositoryRefSchema } from './task.api';

const commandSchema = z.string().trim().min(1).max(2_000);
const envNameSchema = z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'env names must be UPPER_SNAKE_CASE');

export const repositorySettingsSchema = z.strictObject({
  testCommand: commandSchema.nullable().optional(),
  lintCommand: commandSchema.nullable().optional(),
  /**
   * How the linter runs as a check (`off`, `auto`, `command`). Without it, setting a lintCommand
   * means `command` and clearing the command of a repository in `command` mode means `auto`.
   * `command` needs a lintCommand.
   */
  lintMode: z.enum(LINT_MODES).optional(),
  setupCommand: commandSchema.nullable().optional(),
  /**
   * Named commands that must pass on every task's final diff before it can be approved
   * (docs/repository-config.md, "Required checks"). `null` lets `.patchbay.yml` decide; a list,
   * even an empty one, replaces the file's.
   */
  requiredChecks: z
    .array(requiredCheckSchema)
    .max(MAX_REQUIRED_CHECKS, `requiredChecks: at most ${MAX_REQUIRED_CHECKS} checks`)
    .refine((checks) => new Set(checks.map((check) => check.name)).size === checks.length, {
      error: 'requiredChecks: each check needs its own name',
    })
    .nullable()
    .optional(),
  /** Plain environment variables, visible to every member. */
  env: z.record(envNameSchema, z.string().max(4_000)).optional(),
  /**
   * Secret environment variables, write-only: a value sets (or replaces) one, `null` removes it,
   * names not mentioned stay as they are. Stored sealed; reads return only the names.
   */
  secretEnv: z.record(envNameSchema, z.string().min(1).max(4_000).nullable()).optional(),
  autoApprovePlan: z.boolean().optional(),
  autoApproveDiff: z.boolean().optional(),
  /**
   * The four-eyes rule: the task's author cannot approve its own diff, and diffs are not approved
   * automatically. Cannot be on together with autoApproveDiff.
   */
  requireSeparateApprover: z.boolean().optional(),
  /**
   * Whether a task may finish while tests that already failed on the base commit still fail
   * (they are listed in the pull request). Default true; false makes every task fix them too.
   */
  allowPreexistingFailures: z.boolean().optional(),
  triggerLabel: z.string().trim().min(1).max(50).optional(),
  draftPullRequests: z.boolean().optional(),
});
export type RepositorySettings = z.infer<typeof repositorySettingsSchema>;

export const REPOSITORY_SOURCES = ['github', 'local'] as const;

export const registerRepositoryRequestSchema = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('github'),
    fullName: repositoryRefSchema,
    defaultBranch: branchNameSchema.optional(),
    settings: repositorySettingsSchema.optional(),
  }),
  z.strictObject({
    source: z.literal('local'),
    fullName: repositoryRefSchema,
    /** An absolute path to a git repository on the server, or a git URL, imported into the local forge. */
    importFrom: z.string().min(1).max(2_000),
    defaultBranch: branchNameSchema.optional(),
    settings: repositorySettingsSchema.optional(),
  }),
]);
export type RegisterRepositoryRequest = z.infer<typeof registerRepositoryRequestSchema>;

export const updateRepositoryRequestSchema = z.strictObject({
  allowed: z.boolean().optional(),
  settings: repositorySettingsSchema.optional(),
});

export interface RepositoryView {
  id: string;
  fullName: string;
  source: 'github' | 'local';
  defaultBranch: string;
  allowed: boolean;
  /** `host:port` the repository's task sandboxes may reach through the egress proxy (ADR 0032). */
  egressAllowedHosts: string[];
  settings: Required<Omit<RepositorySettings, 'env' | 'secretEnv'>> & {
    env: Record<string, string>;
    secretEnvNames: string[];
  };
  createdAt: string;
}
