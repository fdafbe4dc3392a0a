import { REQUIRED_CHECK_NAME_PATTERN, SANDBOX_NETWORK_MODES } from '@patchbay/contracts';
import { z } from 'zod';
import { validatePathGlob } from './path-glob';

/** The file Patchbay reads from the root of a repository's base commit. */
export const PATCHBAY_CONFIG_FILE = '.patchbay.yml';

export const MAX_COMMAND_LENGTH = 2_000;
export const MAX_COMMANDS = 20;
export const MAX_ENV_NAMES = 100;
export const MAX_PATH_GLOBS = 200;
export const MAX_FILES_CHANGED_LIMIT = 10_000;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const command = z
  .string({ error: 'must be a command (a string)' })
  .refine((value) => value.trim() !== '', { error: 'must not be an empty command' })
  .refine((value) => value.length <= MAX_COMMAND_LENGTH, { error: `must be at most ${MAX_COMMAND_LENGTH} characters` })
  .refine((value) => !value.includes('\n'), {
    error: 'must be one line; list several commands as a YAML list instead',
  });

/**
 * `test: npm test` or `test: [npm run build, npm test]`, normalised to a list run in order. An
 * empty list is refused where it would be ambiguous (does `test: []` mean "no tests" or
 * "detect them"?); leaving the key out means "detect".
 */
function commandList(options: { allowEmpty: boolean }) {
  const list = z.array(command).max(MAX_COMMANDS, `must list at most ${MAX_COMMANDS} commands`);
  return z
    .union(
      [command, options.allowEmpty ? list : list.min(1, 'must list at least one command (or leave the key out)')],
      {
        // A union says only "Invalid input"; say what the field takes. When a branch failed on a list
        // element, that element's own issue is reported instead (it is the precise one).
        error: (issue) =>
          issue.code === 'invalid_union' ? 'must be a command string or a list of command strings' : undefined,
      },
    )
    .transform((value): string[] => (typeof value === 'string' ? [value] : value));
}

const checkName = z.string({ error: 'must be a check name (a string)' }).regex(REQUIRED_CHECK_NAME_PATTERN, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a check name (1-64 letters, digits, ".", "_" or "-", starting with a letter or digit)`,
});

/**
 * Named required checks: a mapping `{typecheck: npx tsc --noEmit}` or a list of `{name, run}`,
 * normalised to a list of `{name, command}` in file order. Names must be unique.
 */
const namedChecks = z
  .union(
    [
      z
        .record(z.string(), command)
        // Names are checked here rather than by the record's key schema, whose issue would not name the rule.
        .superRefine((checks, ctx) => {
          for (const name of Object.keys(checks)) {
            const problem = checkName.safeParse(name);
            if (!problem.success)
              ctx.addIssue({ code: 'custom', path: [name], message: problem.error.issues[0]?.message ?? 'bad name' });
          }
        })
        .transform((checks) => Object.entries(checks).map(([name, run]) => ({ name, command: run }))),
      z
        .array(
          z.strictObject(
            { name: checkName, run: command },
            { error: 'must be a check: {name: typecheck, run: npx tsc --noEmit}' },
          ),
        )
        .transform((checks) => checks.map(({ name, run }) => ({ name, command: run }))),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? 'must be a mapping of check names to commands (typecheck: npx tsc --noEmit) or a list of {name, run}'
          : undefined,
    },
  )
  .refine((checks) => checks.length <= MAX_COMMANDS, { error: `must list at most ${MAX_COMMANDS} checks` })
  .refine((checks) => new Set(checks.map((check) => check.name)).size === checks.length, {
    error: 'must not repeat a check name',
  });

const pathGlob = z.string({ error: 'must be a path pattern (a string)' }).superRefine((value, ctx) => {
  const problem = validatePathGlob(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)}: ${problem}` });
});

const pathGlobList = z
  .array(pathGlob, { error: 'must be a list of path patterns' })
  .max(MAX_PATH_GLOBS, `must list at most ${MAX_PATH_GLOBS} patterns`);

const envNames = z
  .array(
    z.string({ error: 'must be a variable name (a string)' }).regex(ENV_NAME, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a variable name (letters, digits and "_", not starting with a digit)`,
    }),
    {
      error: (issue) =>
        issue.code === 'invalid_type' && isPlainObject(issue.input)
          ? 'lists variable names only, e.g. [DATABASE_URL]; set values in the repository settings, since a committed file must not carry them'
          : 'must be a list of variable names',
    },
  )
  .max(MAX_ENV_NAMES, `must list at most ${MAX_ENV_NAMES} names`)
  .refine((names) => new Set(names).size === names.length, { error: 'must not repeat a name' });

const planRules = z.strictObject(
  {
    /** The plan must name at least one target test before it can be approved. */
    requireTargetTests: z.boolean({ error: 'must be true or false' }).optional(),
    /** The most files a task may change. */
    maxFilesChanged: z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_FILES_CHANGED_LIMIT, `must be at most ${MAX_FILES_CHANGED_LIMIT}`)
      .optional(),
    /** Paths a plan must not touch. */
    avoid: pathGlobList.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'must be a mapping of plan rules (requireTargetTests, maxFilesChanged, avoid)'
        : undefined,
  },
);

/** Advisory severities a policy can block at, least to most severe (the npm registry's names), or `none`. */
export const DEPENDENCY_BLOCK_SEVERITIES = ['low', 'moderate', 'high', 'critical', 'none'] as const;
export const MAX_DENIED_LICENSES = 100;

const dependencyRules = z.strictObject(
  {
    /** SPDX licence ids a newly added dependency must not carry (case-insensitive; any id of an `OR`/`AND` expression counts). */
    deniedLicenses: z
      .array(
        z
          .string({ error: 'must be a licence id (a string), e.g. AGPL-3.0-only' })
          .min(1, 'must not be empty')
          .max(100, 'must be at most 100 characters'),
        { error: 'must be a list of licence ids' },
      )
      .max(MAX_DENIED_LICENSES, `must list at most ${MAX_DENIED_LICENSES} licences`)
      .optional(),
    /** An advisory at this severity or above on a new dependency blocks publishing; `none` never blocks. */
    blockSeverity: z
      .enum(DEPENDENCY_BLOCK_SEVERITIES, {
        error: `must be one of ${DEPENDENCY_BLOCK_SEVERITIES.map((s) => JSON.stringify(s)).join(', ')}`,
      })
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'must be a mapping of dependency rules (deniedLicenses, blockSeverity)'
        : undefined,
  },
);

/**
 * The schema of `.patchbay.yml`. Every key is optional; unknown keys are rejected so a typo
 * (`tset:`) is an error rather than a silently ignored setting. Absent keys stay absent in the
 * parsed result, which is how the merge knows the file did not set them.
 */
export const patchbayConfigSchema = z
  .strictObject(
    {
      /** The schema version; only 1 exists. */
      version: z.literal(1, { error: 'must be 1 (the only version of this file)' }).optional(),
      /** Run once after the clone, before the baseline (dependency install, code generation). */
      setup: commandList({ allowEmpty: false }).optional(),
      /** How the repository's tests run; the platform parses per-test results from this command. */
      test: commandList({ allowEmpty: false }).optional(),
      /** The linter the validation loop runs as a check. */
      lint: commandList({ allowEmpty: false }).optional(),
      /** Further required checks on the final diff (type-check, format check); each is named after its command. */
      check: commandList({ allowEmpty: true }).optional(),
      /** Required checks on the final diff with names of their own; replaces `check` (a file may not set both). */
      checks: namedChecks.optional(),
      /** Names of environment variables the commands need; their values live in the repository settings. */
      env: envNames.optional(),
      /** Paths kept out of the model's context (listings, search, reads). */
      exclude: pathGlobList.optional(),
      /** The sandbox egress the commands need: `none`, or `registries` for dependency installs. */
      network: z
        .enum(SANDBOX_NETWORK_MODES, {
          error: `must be one of ${SANDBOX_NETWORK_MODES.map((mode) => JSON.stringify(mode)).join(', ')}`,
        })
        .optional(),
      /** Rules an approved plan must keep. */
      plan: planRules.optional(),
      /** What a change may add to package.json dependencies (advisories, licences); see docs/research-agent.md. */
      dependencies: dependencyRules.optional(),
    },
    {
      error: (issue) =>
        issue.code === 'invalid_type' ? 'must be a mapping of settings (e.g. "test: npm test")' : undefined,
    },
  )
  .superRefine((config, ctx) => {
    if (config.check !== undefined && config.checks !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['checks'],
        message: 'set either "check" (a list of commands) or "checks" (named commands), not both',
      });
  });

/** A parsed and validated `.patchbay.yml`; commands are always lists. */
export type PatchbayConfig = z.output<typeof patchbayConfigSchema>;
export type PatchbayPlanRules = NonNullable<PatchbayConfig['plan']>;

/** The top-level keys the file accepts, in documentation order. */
export const PATCHBAY_CONFIG_KEYS = Object.keys(patchbayConfigSchema.shape) as (keyof PatchbayConfig)[];

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
