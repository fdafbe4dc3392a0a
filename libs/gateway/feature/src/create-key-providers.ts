import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { createKeyProvider, type KeyProvider } from '@patchbay/secrets';
import type { GatewayConfig } from './gateway-config';

/**
 * The key providers credentials are sealed with. Outside production, a missing local master key
 * is generated once into DATA_DIR (mode 0600) so a fresh all-in-one install works; production
 * must supply PATCHBAY_MASTER_KEY or KMS settings explicitly.
 */
export function createGatewayKeyProviders(config: GatewayConfig): KeyProvider[] {
  let masterKey = config.PATCHBAY_MASTER_KEY;
  if (config.KEY_PROVIDER === 'local' && !masterKey && config.NODE_ENV !== 'production') {
    const file = path.resolve(config.DATA_DIR, 'master.key');
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
      new Logger('KeyProviders').warn(
        `PATCHBAY_MASTER_KEY is not set: generated a local master key in ${file}; back it up`,
      );
    }
    masterKey = readFileSync(file, 'utf8').trim();
  }
  return [
    createKeyProvider({
      KEY_PROVIDER: config.KEY_PROVIDER,
      PATCHBAY_MASTER_KEY: masterKey,
      KMS_KEY_ID: config.KMS_KEY_ID,
      AWS_REGION: config.AWS_REGION,
      KMS_ENDPOINT: config.KMS_ENDPOINT,
    }),
  ];
}
