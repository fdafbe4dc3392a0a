import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { LocalKeyProvider, sealSecret } from '@patchbay/secrets';
import { loadGithubAppConfig } from './github-app.config';
import { openGithubPrivateKey, sealGithubPrivateKey } from './github-private-key';

describe('the GitHub App private key, sealed by the key provider', () => {
  const provider = new LocalKeyProvider(randomBytes(32));
  const pem = generateKeyPairSync('rsa', {
    modulusLength: 1024,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;

  it('opens to the same PEM, and the config loader uses it', async () => {
    const sealed = await sealGithubPrivateKey(provider, pem);
    expect(sealed).not.toContain('PRIVATE KEY');
    await expect(openGithubPrivateKey([provider], sealed)).resolves.toBe(pem);
    const config = await loadGithubAppConfig(
      { GITHUB_APP_ID: '12', GITHUB_APP_PRIVATE_KEY_SEALED: sealed, GITHUB_WEBHOOK_SECRET: 'a-secret-of-sixteen+' },
      (text) => openGithubPrivateKey([provider], text),
    );
    expect(config?.privateKey).toBe(pem);
  });

  it("refuses another provider's key, a secret sealed for another purpose, and garbage", async () => {
    const sealed = await sealGithubPrivateKey(provider, pem);
    await expect(openGithubPrivateKey([new LocalKeyProvider(randomBytes(32))], sealed)).rejects.toThrow();
    const other = await sealSecret(provider, pem, 'credential:org:1');
    const encoded = Buffer.from(
      JSON.stringify({
        ...other,
        encryptedDataKey: other.encryptedDataKey.toString('base64'),
        iv: other.iv.toString('base64'),
        authTag: other.authTag.toString('base64'),
        ciphertext: other.ciphertext.toString('base64'),
      }),
    ).toString('base64');
    await expect(openGithubPrivateKey([provider], encoded)).rejects.toThrow();
    await expect(openGithubPrivateKey([provider], '%%%')).rejects.toThrow(/not a sealed key|sealed/);
  });

  it('treats a half-configured app as an error and an unconfigured one as off', async () => {
    await expect(loadGithubAppConfig({})).resolves.toBeNull();
    await expect(loadGithubAppConfig({ GITHUB_APP_ID: '12' })).rejects.toThrow(/together/);
  });
});
