import { createHash } from 'node:crypto';
import { HIGH_ENTROPY_RULE_ID } from './high-entropy-assignment.rule';
import { scanDiff } from './scan-diff';
import type { SecretFinding } from './secret-finding';
import { SecretsDetectedError } from './secret-scan.error';
import { fakeRandomString, fakeSecrets, newFileDiff } from '@patchbay/testing';

const AWS_RULE = '@secretlint/secretlint-rule-aws';
const GITHUB_RULE = '@secretlint/secretlint-rule-github';
const PRIVATE_KEY_RULE = '@secretlint/secretlint-rule-privatekey';
const SLACK_RULE = '@secretlint/secretlint-rule-slack';

const located = (findings: SecretFinding[]) => findings.map(({ ruleId, file, line }) => ({ ruleId, file, line }));

/** No message may carry the secret, nor a slice of it long enough to help guess it. */
function expectNoLeak(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (let start = 0; start + 8 <= secret.length; start += 1) {
      expect(text).not.toContain(secret.slice(start, start + 8));
    }
  }
}

describe('scanDiff', () => {
  it('finds an AWS access key id and secret access key on the added lines of a modified file', async () => {
    const keyId = fakeSecrets.awsAccessKeyId();
    const secretKey = fakeSecrets.awsSecretAccessKey();
    const diff = [
      'diff --git a/deploy/aws.env b/deploy/aws.env',
      'index 3b18e51..a9c1f02 100644',
      '--- a/deploy/aws.env',
      '+++ b/deploy/aws.env',
      '@@ -10,3 +10,5 @@ REGION=eu-west-1',
      ' BUCKET=patchbay-artifacts',
      `+AWS_ACCESS_KEY_ID=${keyId}`,
      `+AWS_SECRET_ACCESS_KEY=${secretKey}`,
      ' LOG_LEVEL=info',
      ' RETENTION_DAYS=30',
      '',
    ].join('\n');

    const findings = await scanDiff(diff);

    expect(located(findings)).toEqual([
      { ruleId: AWS_RULE, file: 'deploy/aws.env', line: 11 },
      { ruleId: AWS_RULE, file: 'deploy/aws.env', line: 12 },
    ]);
    expectNoLeak(findings.map((finding) => finding.message).join('\n'), [keyId, secretKey]);
  });

  it('finds classic and fine-grained GitHub tokens', async () => {
    const classic = fakeSecrets.githubClassicToken();
    const fineGrained = fakeSecrets.githubFineGrainedToken();
    const diff = newFileDiff('scripts/release.ts', [
      "import { Octokit } from '@octokit/rest';",
      '',
      `const octokit = new Octokit({ auth: '${classic}' });`,
      `export const fallbackAuth = '${fineGrained}';`,
    ]);

    const findings = await scanDiff(diff);

    expect(located(findings)).toEqual([
      { ruleId: GITHUB_RULE, file: 'scripts/release.ts', line: 3 },
      { ruleId: GITHUB_RULE, file: 'scripts/release.ts', line: 4 },
    ]);
    expectNoLeak(findings.map((finding) => finding.message).join('\n'), [classic, fineGrained]);
  });

  it('finds RSA and OpenSSH private key blocks, reported at their BEGIN line', async () => {
    const rsa = fakeSecrets.rsaPrivateKeyLines();
    const openssh = fakeSecrets.opensshPrivateKeyLines();
    const diff = [
      newFileDiff('certs/server.key', rsa),
      newFileDiff('deploy/id_ed25519', ['# deploy key for the mirror', ...openssh]),
    ].join('');

    const findings = await scanDiff(diff);

    expect(located(findings)).toEqual([
      { ruleId: PRIVATE_KEY_RULE, file: 'certs/server.key', line: 1 },
      { ruleId: PRIVATE_KEY_RULE, file: 'deploy/id_ed25519', line: 2 },
    ]);
    expectNoLeak(findings.map((finding) => finding.message).join('\n'), [...rsa.slice(1, -1), ...openssh.slice(1, -1)]);
  });

  it('finds a Slack token', async () => {
    const token = fakeSecrets.slackBotToken();
    const diff = newFileDiff('config/notify.yaml', ['slack:', '  channel: "#deploys"', `  bot: ${token}`]);

    const findings = await scanDiff(diff);

    expect(located(findings)).toEqual([{ ruleId: SLACK_RULE, file: 'config/notify.yaml', line: 3 }]);
    expectNoLeak(findings[0].message, [token]);
  });

  it('finds high-entropy values assigned to secret-named keys in code, .env and JSON', async () => {
    const inCode = fakeSecrets.genericSecret('code');
    const inEnv = fakeSecrets.genericSecret('env');
    const inJson = fakeSecrets.hexSecret('json');
    const diff = [
      newFileDiff('src/payments/client.ts', [
        "import { request } from 'undici';",
        '',
        `const clientSecret: string = "${inCode}";`,
      ]),
      newFileDiff('.env.production', ['PORT=8080', `SIGNING_KEY=${inEnv}`]),
      newFileDiff('config/webhooks.json', [
        '{',
        '  "endpoint": "https://hooks.internal/build",',
        `  "webhookSecret": "${inJson}"`,
        '}',
      ]),
    ].join('');

    const findings = await scanDiff(diff);

    expect(located(findings)).toEqual([
      { ruleId: HIGH_ENTROPY_RULE_ID, file: 'src/payments/client.ts', line: 3 },
      { ruleId: HIGH_ENTROPY_RULE_ID, file: '.env.production', line: 2 },
      { ruleId: HIGH_ENTROPY_RULE_ID, file: 'config/webhooks.json', line: 3 },
    ]);
    expectNoLeak(findings.map((finding) => finding.message).join('\n'), [inCode, inEnv, inJson]);
  });

  it('reports a known token format once, not again as a high-entropy assignment', async () => {
    const token = fakeSecrets.githubClassicToken('once');
    const findings = await scanDiff(newFileDiff('ci/env.sh', [`export GITHUB_TOKEN="${token}"`]));

    expect(located(findings)).toEqual([{ ruleId: GITHUB_RULE, file: 'ci/env.sh', line: 1 }]);
  });

  it('ignores secrets on removed and context lines', async () => {
    const removed = fakeSecrets.githubClassicToken('removed');
    const context = fakeSecrets.awsAccessKeyId('context');
    const oldKey = fakeSecrets.rsaPrivateKeyLines('old');
    const diff = [
      'diff --git a/src/config.ts b/src/config.ts',
      'index 1f2e3d4..5a6b7c8 100644',
      '--- a/src/config.ts',
      '+++ b/src/config.ts',
      '@@ -1,4 +1,4 @@',
      ` const legacyId = '${context}';`,
      `-const token = '${removed}';`,
      '+const token = process.env.GITHUB_TOKEN ?? "";',
      ' export const config = { token };',
      ' ',
      'diff --git a/certs/old.key b/certs/old.key',
      'deleted file mode 100644',
      'index 2b3c4d5..0000000',
      '--- a/certs/old.key',
      '+++ /dev/null',
      `@@ -1,${oldKey.length} +0,0 @@`,
      ...oldKey.map((line) => `-${line}`),
      '',
    ].join('\n');

    await expect(scanDiff(diff)).resolves.toEqual([]);
  });

  it('does not honour secretlint-disable comments written into the diff', async () => {
    const token = fakeSecrets.githubClassicToken('disabled');
    const diff = newFileDiff('src/sneaky.ts', [
      '// secretlint-disable',
      `const token = '${token}'; // secretlint-disable-line`,
    ]);

    expect(located(await scanDiff(diff))).toEqual([{ ruleId: GITHUB_RULE, file: 'src/sneaky.ts', line: 2 }]);
  });

  it('attributes findings to the right file and line across files and hunks', async () => {
    const token = fakeSecrets.githubClassicToken('multi');
    const slack = fakeSecrets.slackBotToken('multi');
    const keyId = fakeSecrets.awsAccessKeyId('multi');
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,3 +1,4 @@',
      " import { b } from './b';",
      '+// plain comment',
      ' export const a = b + 1;',
      ' ',
      '@@ -40,3 +41,4 @@ export function later() {',
      '   return 1;',
      ' }',
      `+const slackToken = '${slack}';`,
      ' ',
      'diff --git a/docs/setup.md b/docs/setup.md',
      'index 3333333..4444444 100644',
      '--- a/docs/setup.md',
      '+++ b/docs/setup.md',
      '@@ -5,3 +5,4 @@',
      ' ## Setup',
      '-Ask an admin for a token.',
      '+Ask an admin for a token.',
      `+Or use ${token} for now.`,
      ' ',
      'diff --git "a/ops/n\\303\\266tes for me.txt" "b/ops/n\\303\\266tes for me.txt"',
      'new file mode 100644',
      'index 0000000..5555555',
      '--- /dev/null',
      '+++ "b/ops/n\\303\\266tes for me.txt"',
      '@@ -0,0 +1,2 @@',
      '+aws',
      `+${keyId}`,
      '',
    ].join('\n');

    const findings = await scanDiff(diff);

    expect(located(findings)).toEqual([
      { ruleId: SLACK_RULE, file: 'src/a.ts', line: 43 },
      { ruleId: GITHUB_RULE, file: 'docs/setup.md', line: 7 },
      { ruleId: AWS_RULE, file: 'ops/nötes for me.txt', line: 2 },
    ]);
  });

  it('fingerprints rule, file and secret so repeats collapse without storing the secret', async () => {
    const token = fakeSecrets.githubClassicToken('repeat');
    const other = fakeSecrets.githubClassicToken('other');
    const diff = [
      newFileDiff('a.sh', [`T=${token}`, `T2=${token}`, `T3=${other}`]),
      newFileDiff('b.sh', [`T=${token}`]),
    ].join('');

    const [first, second, third, elsewhere] = await scanDiff(diff);

    expect(first.fingerprint).toBe(createHash('sha256').update(`${GITHUB_RULE}\0a.sh\0${token}`).digest('hex'));
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(third.fingerprint).not.toBe(first.fingerprint);
    expect(elsewhere.fingerprint).not.toBe(first.fingerprint);
    expect([first.line, second.line, third.line, elsewhere.line]).toEqual([1, 2, 3, 1]);
  });

  it('finds nothing in a realistic clean diff: code, a lockfile, UUIDs, SHAs and integrity hashes', async () => {
    const sha1 = fakeRandomString('commit', '0123456789abcdef', 40);
    const sha256 = fakeRandomString('digest', '0123456789abcdef', 64);
    const integrity = (label: string) =>
      `sha512-${fakeRandomString(label, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 86)}==`;
    const sri = `sha384-${fakeRandomString('sri', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 64)}`;
    const diff = [
      'diff --git a/src/task/task.service.ts b/src/task/task.service.ts',
      'index 9c1d2e3..4f5a6b7 100644',
      '--- a/src/task/task.service.ts',
      '+++ b/src/task/task.service.ts',
      '@@ -1,8 +1,16 @@',
      " import { randomUUID } from 'node:crypto';",
      "-import { TaskRepository } from './task.repository';",
      "+import { TaskRepository, type TaskRow } from './task.repository';",
      "+import { createHash } from 'node:crypto';",
      ' ',
      "+const DEFAULT_TASK_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';",
      `+const BASE_COMMIT = '${sha1}';`,
      "+const cacheKey = 'user-profile-settings';",
      "+const tokenUrl = 'https://auth.example.test/oauth/token';",
      "+const apiKeyHeader = 'x-api-key';",
      ' export class TaskService {',
      '   constructor(private readonly tasks: TaskRepository) {}',
      '+  private readonly token = process.env.GITHUB_TOKEN ?? "";',
      '+  private readonly sessionToken = randomUUID();',
      ' ',
      '   async create(prompt: string): Promise<string> {',
      '-    return this.tasks.insert({ id: randomUUID(), prompt });',
      "+    const digest = createHash('sha256').update(prompt).digest('hex');",
      `+    if (digest === '${sha256}') throw new Error('duplicate prompt');`,
      '+    return this.tasks.insert({ id: randomUUID(), prompt, commitSha: BASE_COMMIT });',
      '   }',
      ' }',
      'diff --git a/package-lock.json b/package-lock.json',
      'index aaaaaaa..bbbbbbb 100644',
      '--- a/package-lock.json',
      '+++ b/package-lock.json',
      '@@ -120,6 +120,12 @@',
      '     "node_modules/left-pad": {',
      '-      "version": "1.2.0",',
      '+      "version": "1.3.0",',
      '+      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",',
      `+      "integrity": "${integrity('left-pad')}",`,
      '+      "license": "WTFPL"',
      '+    },',
      '+    "node_modules/secret-sauce": {',
      '+      "version": "2.0.1",',
      `+      "integrity": "${integrity('secret-sauce')}"`,
      '     },',
      'diff --git a/yarn.lock b/yarn.lock',
      'index ccccccc..ddddddd 100644',
      '--- a/yarn.lock',
      '+++ b/yarn.lock',
      '@@ -1,3 +1,7 @@',
      ' # yarn lockfile v1',
      '+"left-pad@^1.3.0":',
      '+  version "1.3.0"',
      `+  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#${sha1}"`,
      `+  integrity ${integrity('yarn-left-pad')}`,
      ' ',
      'diff --git a/web/index.html b/web/index.html',
      'index eeeeeee..fffffff 100644',
      '--- a/web/index.html',
      '+++ b/web/index.html',
      '@@ -3,2 +3,3 @@',
      '   <title>Patchbay</title>',
      `+  <script src="/app.js" integrity="${sri}" crossorigin="anonymous"></script>`,
      ' </head>',
      '',
    ].join('\n');

    await expect(scanDiff(diff)).resolves.toEqual([]);
  });

  it('returns no findings for an empty diff', async () => {
    await expect(scanDiff('')).resolves.toEqual([]);
  });

  it('feeds a SecretsDetectedError whose message names rule and file:line but not the secret', async () => {
    const token = fakeSecrets.githubClassicToken('error');
    const secret = fakeSecrets.genericSecret('error');
    const findings = await scanDiff(
      newFileDiff('src/leak.ts', [`const a = '${token}';`, `const apiSecret = '${secret}';`]),
    );

    const error = new SecretsDetectedError(findings);

    expect(error.message).toBe(
      `Secret scan blocked publishing: 2 possible secrets found: ${GITHUB_RULE} at src/leak.ts:1; ${HIGH_ENTROPY_RULE_ID} at src/leak.ts:2`,
    );
    expect(error.category).toBe('security');
    expect(error.recoverable).toBe(false);
    expectNoLeak(`${error.message}\n${JSON.stringify(error.findings)}`, [token, secret]);
  });

  it('scans a 5,000-line diff quickly enough to sit in front of every commit', async () => {
    const lines = Array.from({ length: 5_000 }, (_, index) =>
      index % 2 === 0
        ? `  const row${index} = await this.repository.findOne({ where: { id: '${fakeRandomString(`id${index}`, '0123456789abcdef', 32)}' } });`
        : `  logger.info('saved', { commit: '${fakeRandomString(`sha${index}`, '0123456789abcdef', 40)}', rows: ${index} });`,
    );
    lines[4_321] = `const deployKey = '${fakeSecrets.githubClassicToken('big')}';`;
    const diff = Array.from({ length: 50 }, (_, file) =>
      newFileDiff(`src/module-${file}.ts`, lines.slice(file * 100, file * 100 + 100)),
    ).join('');

    const start = performance.now();
    const findings = await scanDiff(diff);
    const elapsed = performance.now() - start;

    expect(located(findings)).toEqual([{ ruleId: GITHUB_RULE, file: 'src/module-43.ts', line: 22 }]);
    // Measured at 50–250 ms on the 2-core CI machine; the bound only catches a pathological regression.
    expect(elapsed).toBeLessThan(5_000);
  });
});
