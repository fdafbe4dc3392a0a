import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
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
    run(
      'git',
      [
        '-c',
        'user.name=Fixture',
        '-c',
        'user.email=fixture@patchbay.invalid',
        '-c',
        'init.defaultBranch=main',
        ...args,
      ],
      { cwd },
    );
  await git(work, 'init', '-q');
  await git(work, 'add', '-A');
  await git(work, 'commit', '-q', '-m', 'fixture');
  await git(root, 'clone', '-q', '--bare', work, bare);
  const { stdout } = await git(bare, 'rev-parse', 'HEAD');
  return { path: bare, commit: stdout.trim(), cleanup: () => rm(root, { recursive: true, force: true }) };
}

export interface HttpsGitServer {
  /** Its address on Docker's default bridge: private, not the host's. */
  host: string;
  port: number;
  stop: () => Promise<void>;
}

/** git's "dumb" HTTP protocol over TLS: the bare repository's files, served by Python's http.server. */
const HTTPS_STATIC_SERVER = [
  'import functools, http.server, ssl',
  "handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory='/srv/site/git')",
  "server = http.server.ThreadingHTTPServer(('0.0.0.0', 8443), handler)",
  'context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)',
  "context.load_cert_chain('/srv/site/tls/cert.pem', '/srv/site/tls/key.pem')",
  'server.socket = context.wrap_socket(server.socket, server_side=True)',
  'server.serve_forever()',
].join('\n');

/**
 * An https git server in its own (plain runc) container on Docker's default bridge, standing for
 * an in-house git server: reachable from the host, at an address that is neither loopback nor
 * one of the host's, with a throw-away self-signed certificate.
 */
export async function startHttpsGitServer(barePath: string): Promise<HttpsGitServer> {
  await run('git', ['-C', barePath, 'update-server-info']);
  const site = await mkdtemp(join(tmpdir(), 'patchbay-git-site-'));
  const name = `patchbay-test-git-${randomUUID().slice(0, 8)}`;
  const stop = async () => {
    await run('docker', ['rm', '-f', name]).catch(() => undefined);
    await rm(site, { recursive: true, force: true });
  };
  try {
    await mkdir(join(site, 'tls'));
    await mkdir(join(site, 'git'));
    await cp(barePath, join(site, 'git', 'repo.git'), { recursive: true });
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(site, 'tls', 'key.pem'),
      '-out',
      join(site, 'tls', 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=patchbay-test-git',
    ]);
    await run('docker', [
      'create',
      '--name',
      name,
      '--runtime',
      'runc',
      '--user',
      '0:0',
      'patchbay/sandbox-python:latest',
      'python3',
      '-c',
      HTTPS_STATIC_SERVER,
    ]);
    // `docker cp` to a path that does not exist yet creates it as a copy of the source directory.
    await run('docker', ['cp', site, `${name}:/srv/site`]);
    await run('docker', ['start', name]);
    const { stdout } = await run('docker', ['inspect', '-f', '{{.NetworkSettings.IPAddress}}', name]);
    const host = stdout.trim();
    const deadline = Date.now() + 20_000;
    while (!(await reachable(host, 8443))) {
      if (Date.now() > deadline) throw new Error(`the https git server at ${host}:8443 did not come up`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { host, port: 8443, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
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
  'test_calc.py':
    'from calc import mul\n\ndef test_mul():\n    assert mul(3, 4) == 12\n\ndef test_mul_zero():\n    assert mul(3, 0) == 0\n\ndef test_fails():\n    assert mul(2, 2) == 5\n',
};
