import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { SandboxClient } from '@patchbay/sandbox-client';
import { createSandboxApplication, loadSandboxConfig } from '@patchbay/sandbox-runtime';
import { DirectorySandbox } from '../testing/directory-sandbox';
import { SYNTAX_CASES } from '../testing/syntax-cases';
import { createCodingTools, type ToolReporter } from './coding-tools';
import { refusalOf } from '../testing/expect-refusal';
import { ChangeBudget } from './path-rules';

/**
 * The write tools against the real sandbox service and a gVisor container: `git apply`, its undo
 * and the diff's trip through the exec API run where the coding agent runs them.
 */
describe('the coding tools in a real sandbox', () => {
  const token = `coding-tools-${randomUUID()}`;
  const reporter: ToolReporter = { fileModified: async () => undefined, commandExecuted: async () => undefined };
  const big = Array.from({ length: 3_000 }, (_, index) => `export const value${index} = ${index};\n`).join('');
  const diffs = new Map<string, { broken: string; changed: string }>();
  let bigDiff = '';
  let repository: DirectorySandbox;
  let bare: string;
  let app: INestApplication;
  let client: SandboxClient;
  let sandboxId: string;

  const tool = (name: string) => {
    const found = createCodingTools(client, sandboxId, new ChangeBudget(), reporter).find((t) => t.name === name);
    if (!found) throw new Error(`${name} is missing`);
    return found;
  };
  const content = (path: string) =>
    client.readFile(sandboxId, path).then(
      (file) => file.content,
      () => null,
    );

  beforeAll(async () => {
    repository = new DirectorySandbox(
      Object.fromEntries(SYNTAX_CASES.map(([, { path, original }]) => [path, original])),
    );
    for (const [, { path, broken, changed }] of SYNTAX_CASES)
      diffs.set(path, {
        broken: repository.diffTo({ [path]: broken }),
        changed: repository.diffTo({ [path]: changed }),
      });
    bigDiff = repository.diffTo({ 'src/big.ts': big });
    bare = `${repository.root}.git`;
    execFileSync('git', ['clone', '-q', '--bare', repository.root, bare]);
    const config = loadSandboxConfig({
      SANDBOX_TOKEN: token,
      SANDBOX_INSTANCE_ID: `coding-tools-${randomUUID().slice(0, 8)}`,
      SANDBOX_POOL_SIZE: '0',
      SANDBOX_EGRESS_PROXY_PORT: '0',
      SANDBOX_DEFAULT_MEMORY_MB: '1024',
      SANDBOX_REPO_ROOTS: os.tmpdir(),
    });
    app = await createSandboxApplication(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    client = new SandboxClient({
      baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
      token,
    });
    sandboxId = (await client.create({ taskId: 'coding-tools-spec', source: { kind: 'local-bare', path: bare } })).id;
  }, 180_000);

  afterAll(async () => {
    if (sandboxId) await client.destroy(sandboxId).catch(() => undefined);
    await app?.close();
    repository?.remove();
    if (bare) rmSync(bare, { recursive: true, force: true });
  });

  it.each(SYNTAX_CASES)(
    '%s: apply_diff and create_file refuse a write that breaks parsing; a valid diff applies',
    async (_language, { path, original, changed, broken, where }) => {
      const { broken: brokenDiff, changed: changedDiff } = diffs.get(path)!;
      expect(await refusalOf(tool('apply_diff').run({ diff: brokenDiff }))).toBe(
        `the diff was not applied because ${path} would no longer parse: ${path}:${where}`,
      );
      expect(await content(path)).toBe(original);
      expect(await refusalOf(tool('create_file').run({ path: `new/${path}`, content: broken }))).toBe(
        `the file was not created because new/${path} does not parse: new/${path}:${where}`,
      );
      expect(await content(`new/${path}`)).toBeNull();
      expect(await tool('apply_diff').run({ diff: changedDiff })).toBe(`applied to ${path}`);
      expect(await content(path)).toBe(changed);
    },
  );

  it('applies a diff larger than one environment value of the exec API', async () => {
    expect(bigDiff.length).toBeGreaterThan(64_000);
    expect(await tool('apply_diff').run({ diff: bigDiff })).toBe('applied to src/big.ts');
    expect(await content('src/big.ts')).toBe(big);
  });
});
