import { z } from 'zod';

/** Where an effective setting came from: the repository's settings win over its file, the file over the defaults. */
export const REPOSITORY_CONFIGURATION_SOURCES = ['settings', 'file', 'default'] as const;
export type RepositoryConfigurationSource = (typeof REPOSITORY_CONFIGURATION_SOURCES)[number];

/**
 * What a task runs under, as the supervisor resolved it at the base commit: the configuration
 * file read (or why it was ignored), the AGENTS.md files whose instructions the agents got, and
 * every effective setting with its source. Sent on the analysing step's `agent_thought` event
 * (`configuration`) for the dashboard's Configuration tab.
 */
export const repositoryConfigurationReportSchema = z.object({
  configFile: z.string().nullable(),
  /** Why the file was ignored (file, line, column, rule); null when it was usable or absent. */
  configProblem: z.string().nullable(),
  instructionsFrom: z.array(z.string()),
  settings: z.array(
    z.object({
      /** The `.patchbay.yml` key, e.g. `test` or `plan.maxFilesChanged`. */
      field: z.string(),
      /** The effective value as a person reads it; empty when there is none (the platform then detects it). */
      value: z.string(),
      source: z.enum(REPOSITORY_CONFIGURATION_SOURCES),
    }),
  ),
});
export type RepositoryConfigurationReport = z.infer<typeof repositoryConfigurationReportSchema>;
