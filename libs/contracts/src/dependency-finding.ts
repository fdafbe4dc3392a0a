import { z } from 'zod';
import { packageAdvisorySchema } from './messages/research';

export const DEPENDENCY_FINDING_KINDS = [
  'advisory',
  'denied_license',
  'unknown_license',
  'deprecated',
  'unchecked',
] as const;
export type DependencyFindingKind = (typeof DEPENDENCY_FINDING_KINDS)[number];

/** What the supervisor's dependency check found about one new or changed dependency of a change. */
export const dependencyFindingSchema = z.object({
  package: z.string(),
  version: z.string().nullable(),
  manifest: z.string(),
  kind: z.enum(DEPENDENCY_FINDING_KINDS),
  /** True when the repository's policy keeps the change from being published. */
  blocks: z.boolean(),
  /** One line a reviewer reads: the package, what is wrong, and why it matters. */
  message: z.string(),
  advisory: packageAdvisorySchema
    .pick({ id: true, url: true, title: true, severity: true, vulnerableVersions: true })
    .optional(),
  license: z.string().nullable().optional(),
});
export type DependencyFinding = z.infer<typeof dependencyFindingSchema>;
