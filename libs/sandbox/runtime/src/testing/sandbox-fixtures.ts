import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { loadSandboxConfig, type SandboxConfig } from '../lib/sandbox-config';

const run = promisify(execFile);

export const TEST_SANDBOX_TOKEN = 'test-sandbox-token-0123456789';

/**
 * Config for tests: a unique instance id (so one test's start-up reap never touches another's
 * containers), no warm pool unless asked, an ephemeral proxy port, small memory.
 */
export function sandboxTestConfig(overrides: Record<string, string> = {}): SandboxConfig {
  return loadSandboxConfig({
    SANDBOX_TOKEN: TEST_SANDBOX_TOKEN,
    SANDBOX_INSTANCE_ID: `test-${randomUUID().slice(0, 8)}`,
    SANDBOX_POOL_SIZE: '0',
    SANDBOX_EGRESS_PROXY_PORT: '0',
    SANDBOX_DEFAULT_MEMORY_MB: '1024',
    SANDBOX_REPO_ROOTS: tmpdir(),
    ...overrides,
  });
}

export interface BareRepoFixture {
  path: string;
  commit: string;
  cleanup: () => Promise<void>;
}

/** A real bare git repository in the OS temp dir holding `files` in one commit. */
export async function createBareRepo(files: Record<string, string>): Promise<BareRepoFixture> {
  const root = await mkdtemp(join(tmpdir(), 'patchbay-fixture-'));
  const work = join(root, 'work');
  const bare = join(root, 'repo.git');
  await mkdir(work);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(work, name)), { recursive: true });
    await writeFile(join(work, name), content);
  }
  const git = (cwd: string, ...args: string[]) =>
    run('git', ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@patchbay.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd });
  await git(work, 'init', '-q');
  await git(work, 'add', '-A');
  await git(work, 'commit', '-q', '-m', 'fixture');
  await git(root, 'clone', '-q', '--bare', work, bare);
  const { stdout } = await git(bare, 'rev-parse', 'HEAD');
  return { path: bare, commit: stdout.trim(), cleanup: () => rm(root, { recursive: true, force: true }) };
}

export const NODE_PROJECT: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fixture-node', version: '1.0.0', scripts: { test: 'node --test' } }, null, 2),
  'sum.js': 'exports.sum = (a, b) => a + b;\n',
  'test/sum.test.js':
    "const test = require('node:test');\nconst assert = require('node:assert');\nconst { sum } = require('../sum');\n" +
    "test('adds', () => assert.strictEqual(sum(2, 3), 5));\ntest('adds negatives', () => assert.strictEqual(sum(-2, -3), -5));\n",
};

export const PYTHON_PROJECT: Record<string, string> = {
  'calc.py': 'def mul(a, b):\n    return a * b\n',
  'test_calc.py': 'from calc import mul\n\ndef test_mul():\n    assert mul(3, 4) == 12\n\ndef test_mul_zero():\n    assert mul(3, 0) == 0\n\ndef test_fails():\n    assert mul(2, 2) == 5\n',
};
