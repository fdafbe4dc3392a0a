import { z } from 'zod';

/** What the research agent reads from the environment; validated at boot by loadConfig. */
export const researchAgentConfigSchema = z.object({
  /** The npm registry (or a mirror speaking its protocol: Verdaccio, Artifactory, a local test server). */
  NPM_REGISTRY_URL: z
    .url({ message: 'NPM_REGISTRY_URL must be a registry URL, e.g. https://registry.npmjs.org' })
    .default('https://registry.npmjs.org'),
  /** PyPI's JSON API host; answers say "unreachable" when it cannot be reached (no crash, no retry storm). */
  PYPI_URL: z.url({ message: 'PYPI_URL must be a URL, e.g. https://pypi.org' }).default('https://pypi.org'),
  /** One registry request's limit; a slow registry becomes an "unreachable" answer, not a stuck tool call. */
  RESEARCH_HTTP_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  /** How long an answer is reused; advisories change, so keep it in minutes. */
  RESEARCH_CACHE_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60_000)
    .default(15 * 60_000),
  RESEARCH_CACHE_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(1_000),
  /**
   * Where the platform keeps its bare repositories (the gateway's DATA_DIR). When set, docs
   * search refuses any repository path outside it.
   */
  DATA_DIR: z.string().min(1).optional(),
});
export type ResearchAgentConfig = z.infer<typeof researchAgentConfigSchema>;
