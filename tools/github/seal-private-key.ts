/**
 * Seals a GitHub App private key with the platform's key provider, for GITHUB_APP_PRIVATE_KEY_SEALED:
 *   KEY_PROVIDER=kms KMS_KEY_ID=… npm run github:seal-key -- path/to/app.private-key.pem
 * (KEY_PROVIDER=local uses PATCHBAY_MASTER_KEY.) Prints the sealed key on stdout; the PEM never leaves this process.
 */
import { readFileSync } from 'node:fs';
import { sealGithubPrivateKey } from '@patchbay/github';
import { createKeyProvider, type KeyProviderConfig } from '@patchbay/secrets';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run github:seal-key -- <private-key.pem>');
    process.exit(2);
  }
  const pem = readFileSync(file, 'utf8');
  if (!pem.includes('PRIVATE KEY-----')) {
    console.error(`${file} does not look like a PEM private key`);
    process.exit(2);
  }
  const provider = createKeyProvider({
    ...process.env,
    KEY_PROVIDER: process.env['KEY_PROVIDER'] ?? 'local',
  } as KeyProviderConfig);
  process.stdout.write(`${await sealGithubPrivateKey(provider, pem)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
