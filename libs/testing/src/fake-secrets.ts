/**
 * Fake credentials in the exact formats scanners recognise, assembled at runtime so that this
 * repository never holds a literal a secret scanner (ours, GitHub's, a pre-commit hook) would
 * flag. Values are deterministic per label, so a failing test shows the same input every run.
 */

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = UPPER.toLowerCase();
const DIGITS = '0123456789';
const ALPHANUMERIC = UPPER + LOWER + DIGITS;

/** mulberry32 seeded from the label: reproducible pseudo-random bytes without a literal to scan. */
function randomStream(label: string): () => number {
  let seed = 0;
  for (const character of label) seed = (Math.imul(seed, 31) + character.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export function fakeRandomString(label: string, alphabet: string, length: number): string {
  const next = randomStream(label);
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

function fakeBytes(label: string, length: number): Buffer {
  const next = randomStream(label);
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

function pem(kind: string, body: Buffer, lineWidth: number): string[] {
  const base64 = body.toString('base64');
  const lines: string[] = [];
  for (let offset = 0; offset < base64.length; offset += lineWidth)
    lines.push(base64.slice(offset, offset + lineWidth));
  const dashes = '-'.repeat(5);
  return [
    `${dashes}BEGIN ${kind} ${'PRIVATE'} KEY${dashes}`,
    ...lines,
    `${dashes}END ${kind} ${'PRIVATE'} KEY${dashes}`,
  ];
}

export const fakeSecrets = {
  /** `AKIA` + 16 upper-case/digit characters (never the documented `…EXAMPLE` id, which secretlint allows). */
  awsAccessKeyId: (label = 'aws-id'): string => ['AK', 'IA'].join('') + fakeRandomString(label, UPPER + '234567', 16),
  /** 40 base64 characters, the shape of an AWS secret access key. */
  awsSecretAccessKey: (label = 'aws-secret'): string => fakeRandomString(label, ALPHANUMERIC + '/+', 40),
  /** Classic personal access token: `ghp_` + 36 alphanumerics. */
  githubClassicToken: (label = 'ghp'): string => ['gh', 'p_'].join('') + fakeRandomString(label, ALPHANUMERIC, 36),
  /** Fine-grained personal access token: `github_pat_` + 22 + `_` + 59. */
  githubFineGrainedToken: (label = 'github-pat'): string =>
    ['github', 'pat', ''].join('_') +
    fakeRandomString(`${label}-a`, ALPHANUMERIC, 22) +
    '_' +
    fakeRandomString(`${label}-b`, ALPHANUMERIC, 59),
  /** Slack bot token: `xoxb-` + team id + bot id + 24 alphanumerics. */
  slackBotToken: (label = 'slack'): string =>
    ['xo', 'xb'].join('') +
    `-${fakeRandomString(`${label}-t`, DIGITS, 11)}-${fakeRandomString(`${label}-b`, DIGITS, 13)}-${fakeRandomString(label, ALPHANUMERIC, 24)}`,
  /** PKCS#1 RSA private key block; the DER SEQUENCE header makes the body start with `MII`. */
  rsaPrivateKeyLines: (label = 'rsa'): string[] =>
    pem('RSA', Buffer.concat([Buffer.from([0x30, 0x82, 0x04, 0xa4]), fakeBytes(label, 600)]), 64),
  /** OpenSSH private key block; the body starts with the base64 of `openssh-key-v1\0`. */
  opensshPrivateKeyLines: (label = 'openssh'): string[] =>
    pem('OPENSSH', Buffer.concat([Buffer.from(['openssh', 'key', 'v1'].join('-') + '\0'), fakeBytes(label, 380)]), 70),
  /** A random 40-character alphanumeric value: a credential whose format no rule knows. */
  genericSecret: (label = 'generic'): string => fakeRandomString(label, ALPHANUMERIC, 40),
  /** A random 64-character hex value (webhook signing secrets look like this). */
  hexSecret: (label = 'hex'): string => fakeRandomString(label, '0123456789abcdef', 64),
};

/** A git diff that creates `path` with `lines`. */
export function newFileDiff(path: string, lines: readonly string[]): string {
  return [
    `diff --git a/${path} b/${path}`,
    'new file mode 100644',
    'index 0000000..1111111',
    '--- /dev/null',
    `+++ b/${path}`,
    `@@ -0,0 +1,${lines.length} @@`,
    ...lines.map((line) => `+${line}`),
    '',
  ].join('\n');
}
