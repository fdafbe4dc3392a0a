import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Where and as what Patchbay talks to GitHub. Unset app id or key: the GitHub App is off. */
export interface GithubAppConfig {
  appId: string;
  privateKey: string;
  webhookSecret: string;
  /** REST API root: https://api.github.com, a GitHub Enterprise `/api/v3`, or the tests' server. */
  apiUrl: string;
  /** Where repositories are cloned from: `<gitUrl>/<owner>/<name>.git`. */
  gitUrl: string;
}

const envSchema = z.object({
  GITHUB_APP_ID: z.string().regex(/^\d+$/, 'GITHUB_APP_ID must be the numeric app id').optional(),
  GITHUB_APP_PRIVATE_KEY: z.string().optional(),
  GITHUB_APP_PRIVATE_KEY_FILE: z.string().optional(),
  GITHUB_APP_PRIVATE_KEY_SEALED: z.string().optional(),
  GITHUB_WEBHOOK_SECRET: z.string().min(16, 'GITHUB_WEBHOOK_SECRET must be at least 16 characters').optional(),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GITHUB_GIT_URL: z.url().default('https://github.com'),
});

/**
 * Reads the GitHub App settings from the environment. The key may be given inline (with `\n`
 * escapes, as secret stores deliver it), as a file path, or sealed by the platform's key provider
 * (AWS KMS or the local master key; `openSealedKey` opens it). A half-configured app is an error
 * at start-up rather than a webhook that silently never verifies.
 */
export async function loadGithubAppConfig(
  env: NodeJS.ProcessEnv = process.env,
  openSealedKey?: (sealed: string) => Promise<string>,
): Promise<GithubAppConfig | null> {
  const parsed = envSchema.parse(env);
  let privateKey =
    parsed.GITHUB_APP_PRIVATE_KEY?.replace(/\\n/g, '\n') ??
    (parsed.GITHUB_APP_PRIVATE_KEY_FILE ? readFileSync(parsed.GITHUB_APP_PRIVATE_KEY_FILE, 'utf8') : undefined);
  if (!privateKey && parsed.GITHUB_APP_PRIVATE_KEY_SEALED) {
    if (!openSealedKey)
      throw new Error('GITHUB_APP_PRIVATE_KEY_SEALED is set but this service has no key provider to open it');
    privateKey = await openSealedKey(parsed.GITHUB_APP_PRIVATE_KEY_SEALED);
  }
  const given = [parsed.GITHUB_APP_ID, privateKey, parsed.GITHUB_WEBHOOK_SECRET].filter(Boolean).length;
  if (given === 0) return null;
  if (!parsed.GITHUB_APP_ID || !privateKey || !parsed.GITHUB_WEBHOOK_SECRET) {
    throw new Error(
      'The GitHub App needs GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY (or _FILE) and GITHUB_WEBHOOK_SECRET together',
    );
  }
  return {
    appId: parsed.GITHUB_APP_ID,
    privateKey,
    webhookSecret: parsed.GITHUB_WEBHOOK_SECRET,
    apiUrl: parsed.GITHUB_API_URL.replace(/\/+$/, ''),
    gitUrl: parsed.GITHUB_GIT_URL.replace(/\/+$/, ''),
  };
}
