import {
  classifyHighEntropyValue,
  findHighEntropyAssignments,
  HIGH_ENTROPY_RULE_ID,
  isSecretName,
} from './high-entropy-assignment.rule';
import { fakeRandomString, fakeSecrets } from '@patchbay/testing';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const scanLines = (path: string, texts: string[]) =>
  findHighEntropyAssignments({ path, lines: texts.map((text, index) => ({ line: index + 1, text })) }).map(
    ({ line }) => line,
  );

describe('classifyHighEntropyValue', () => {
  it('accepts random tokens from 20 characters (base64-like) and 32 characters (hex)', () => {
    expect(classifyHighEntropyValue(fakeRandomString('short', ALPHANUMERIC, 20))).toBe('base64');
    expect(classifyHighEntropyValue(fakeSecrets.genericSecret())).toBe('base64');
    expect(classifyHighEntropyValue(fakeRandomString('b64', `${ALPHANUMERIC}+/`, 43) + '=')).toBe('base64');
    expect(classifyHighEntropyValue(fakeRandomString('hex32', '0123456789abcdef', 32))).toBe('hex');
  });

  it('rejects UUIDs, integrity hashes, short hex, words and placeholders', () => {
    for (const value of [
      '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      `sha512-${fakeRandomString('sri', `${ALPHANUMERIC}+/`, 86)}==`,
      fakeRandomString('short-hex', '0123456789abcdef', 24),
      'libs/secret-scan/src/index',
      'my_super_secret_password',
      'development-signing-key-2024',
      'EXAMPLE_TOKEN_VALUE_1234567890',
      `${fakeRandomString('ex', ALPHANUMERIC, 12)}Example${fakeRandomString('ex2', ALPHANUMERIC, 12)}`,
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1b',
    ]) {
      expect({ value, shape: classifyHighEntropyValue(value) }).toEqual({ value, shape: undefined });
    }
  });
});

describe('isSecretName', () => {
  it('recognises secret-named keys in every casing', () => {
    for (const name of [
      'apiKey',
      'API_KEY',
      'x-api-key',
      'clientSecret',
      'GITHUB_TOKEN',
      'db_password',
      'Authorization',
      'signingKey',
      'key',
    ]) {
      expect({ name, secret: isSecretName(name) }).toEqual({ name, secret: true });
    }
  });

  it('rejects names of public or non-credential values', () => {
    for (const name of [
      'publicKey',
      'stripePublishableKey',
      'tokenUrl',
      'keyPath',
      'secretName',
      'apiKeyId',
      'commitSha',
      'integrity',
      'keyboard',
      'monkey',
    ]) {
      expect({ name, secret: isSecretName(name) }).toEqual({ name, secret: false });
    }
  });
});

describe('findHighEntropyAssignments', () => {
  const secret = fakeSecrets.genericSecret('rule');

  it('flags assignments in the common syntaxes', () => {
    expect(
      scanLines('src/config.ts', [
        `const apiKey = '${secret}';`,
        `private readonly clientSecret: string = "${secret}";`,
        `  token: \`${secret}\`,`,
        `headers['x-api-key'] = '${secret}';`,
        `  Authorization: 'Bearer ${secret}',`,
        `export DB_PASSWORD=${secret}`,
        `auth_token := "${secret}"`,
      ]),
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('leaves random values under other names, environment lookups and lockfiles alone', () => {
    expect(
      scanLines('src/fixtures.ts', [
        `const fixtureSeed = '${secret}';`,
        'const token = process.env.API_TOKEN;',
        `const publicKey = '${secret}';`,
        `if (digest === '${secret}') return;`,
      ]),
    ).toEqual([]);
    expect(scanLines('packages/web/package-lock.json', [`      "token": "${secret}",`])).toEqual([]);
  });

  it('reports the rule and location without the value', () => {
    const [finding] = findHighEntropyAssignments({
      path: 'src/a.ts',
      lines: [{ line: 7, text: `const apiSecret = "${secret}";` }],
    });

    expect(finding).toEqual({
      ruleId: HIGH_ENTROPY_RULE_ID,
      file: 'src/a.ts',
      line: 7,
      message: `${HIGH_ENTROPY_RULE_ID} (high-entropy base64 value assigned to a secret-named key) flagged a possible secret at src/a.ts:7`,
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('stays linear on a 1 MB minified line full of `=`', () => {
    const start = performance.now();
    expect(scanLines('dist/bundle.min.js', ['=a'.repeat(500_000)])).toEqual([]);
    // A regex that let `=` inside bare values took over 3 s here; linear scanning takes ~50 ms.
    expect(performance.now() - start).toBeLessThan(1_500);
  });
});
