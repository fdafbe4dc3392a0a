import type { RepositoryConfigurationReport } from '@patchbay/contracts';
import {
  EFFECTIVE_REPO_CONFIG_FIELDS,
  type EffectiveRepoConfig,
  type EffectiveRepoConfigField,
  type ResolvedRepoConfig,
} from './effective-repo-config';

/** Steps the shell runs one after another, as a person would type them. */
const steps = (commands: readonly string[]) => commands.join(' && ');
const list = (values: readonly string[]) => values.join(', ');

/** Each effective setting as a person reads it; an empty value means the platform decides (detects the runner, installs nothing extra). */
const VALUE_OF: Record<EffectiveRepoConfigField, (config: EffectiveRepoConfig) => string> = {
  setup: (config) => steps(config.setup),
  test: (config) => steps(config.test),
  lint: (config) => (config.lint.mode === 'command' ? steps(config.lint.commands) : config.lint.mode),
  check: (config) => config.check.map((required) => `${required.name}: ${required.command}`).join('; '),
  env: (config) => list(config.env),
  exclude: (config) => list(config.exclude),
  network: (config) => config.network,
  'plan.requireTargetTests': (config) => (config.plan.requireTargetTests ? 'yes' : 'no'),
  'plan.maxFilesChanged': (config) =>
    config.plan.maxFilesChanged === null ? 'no limit' : String(config.plan.maxFilesChanged),
  'plan.avoid': (config) => list(config.plan.avoid),
};

/** The report a task's dashboard shows of the configuration it runs under (see RepositoryConfigurationReport). */
export function configurationReport(
  resolved: ResolvedRepoConfig,
  configProblem: string | null,
  instructionsFrom: readonly string[],
): RepositoryConfigurationReport {
  return {
    configFile: resolved.configFile,
    configProblem,
    instructionsFrom: [...instructionsFrom],
    settings: EFFECTIVE_REPO_CONFIG_FIELDS.map((field) => ({
      field,
      value: VALUE_OF[field](resolved.config),
      source: resolved.provenance[field],
    })),
  };
}
