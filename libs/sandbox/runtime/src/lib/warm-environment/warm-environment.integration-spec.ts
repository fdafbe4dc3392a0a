import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CreateSandboxRequest } from '@patchbay/contracts';
import { SandboxClient } from '@patchbay/sandbox-client';
import { ContainerManager } from '../container-manager.service';
import { createSandboxApplication } from '../sandbox-app.factory';
import {
  createBareRepo,
  sandboxTestConfig,
  TEST_SANDBOX_TOKEN,
  type BareRepoFixture,
} from '../../testing/sandbox-fixtures';
import { PackageCacheVolumes } from './package-cache-volumes';
import { WarmEnvironmentEvictor } from './warm-environment-evictor.service';
import { WarmEnvironmentImages, type WarmEnvironmentImage } from './warm-environment-images';
import { repositoryScope } from './warm-environment-key';

jest.setTimeout(240_000);

const run = promisify(execFile);

/** A setup command that needs no network: its "dependencies" are a file derived from the lockfile, plus a record that it ran. */
const FAKE_INSTALL =
  'mkdir -p node_modules/fake && cp package-lock.json node_modules/fake/from-lockfile && head -c 700000 /dev/urandom > node_modules/fake/blob && date +%s%N > /tmp/install-ran';

function fakeProject(lockVersion: string): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'warm-fixture', version: '1.0.0' }),
    'package-lock.json': JSON.stringify({ name: 'warm-fixture', lockfileVersion: 3, marker: lockVersion }),
    '.gitignore': 'node_modules/\n',
    'index.js': 'module.exports = 1;\n',
  };
}

/** Commits `files` on top of the bare repository's HEAD and returns the new commit. */
async function commitTo(bare: string, files: Record<string, string>): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'patchbay-warm-commit-'));
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@patchbay.invalid', ...args], { cwd: work });
  try {
    await git('clone', '-q', bare, '.');
    for (const [name, content] of Object.entries(files)) await writeFile(join(work, name), content);
    await git('commit', '-q', '-am', 'change');
    await git('push', '-q', 'origin', 'HEAD');
    return (await git('rev-parse', 'HEAD')).stdout.trim();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Member names of a warm environment's archive, listed by the host's tar. */
async function archiveMembers(images: WarmEnvironmentImages, image: WarmEnvironmentImage): Promise<string[]> {
  const opened = await images.open(image.imageId);
  try {
    const tar = spawn('tar', ['-t', '-f', '-'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const out: Buffer[] = [];
    tar.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    opened.archive.pipe(tar.stdin);
    await new Promise((resolve) => tar.once('close', resolve));
    return Buffer.concat(out).toString('utf8').split('\n').filter(Boolean);
  } finally {
    await opened.close();
  }
}

interface Harness {
  app: INestApplication;
  client: SandboxClient;
  images: WarmEnvironmentImages;
  created: string[];
  sandbox: (request: Omit<CreateSandboxRequest, 'image' | 'network' | 'reuseDependencies'>) => Promise<string>;
}

async function startHarness(overrides: Record<string, string> = {}): Promise<Harness> {
  const app = await createSandboxApplication(sandboxTestConfig(overrides), { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const client = new SandboxClient({ baseUrl: `http://127.0.0.1:${port}`, token: TEST_SANDBOX_TOKEN });
  const created: string[] = [];
  return {
    app,
    client,
    images: app.get(WarmEnvironmentImages),
    created,
    sandbox: async (request) => {
      const info = await client.create({ ...request, image: 'node', network: 'registries', reuseDependencies: true });
      created.push(info.id);
      return info.id;
    },
  };
}

async function stopHarness(harness: Harness, repos: BareRepoFixture[]): Promise<void> {
  for (const id of harness.created) await harness.client.destroy(id).catch(() => undefined);
  // This spec's snapshots and caches only: their repositories are this run's temp paths.
  const scopes = new Set(repos.map((repo) => repositoryScope(`local-bare:${repo.path}`)));
  const docker = harness.app.get(ContainerManager).docker;
  for (const image of await docker.listImages({ filters: { label: ['org.patchbay.warm-env=1'] } })) {
    if (scopes.has(image.Labels?.['org.patchbay.warm-env.repository-scope'] ?? ''))
      await docker
        .getImage(image.Id)
        .remove({ force: true })
        .catch(() => undefined);
  }
  for (const scope of scopes)
    await docker
      .getVolume(PackageCacheVolumes.volumeName(scope))
      .remove()
      .catch(() => undefined);
  await harness.app.close();
  for (const repo of repos) await repo.cleanup();
}

describe('warm environments (real gVisor sandboxes, images committed on the engine)', () => {
  let harness: Harness;
  const repos: BareRepoFixture[] = [];

  beforeAll(async () => {
    // No periodic eviction while these cases look at their images.
    harness = await startHarness({ SANDBOX_REAPER_INTERVAL_MS: String(24 * 60 * 60_000) });
  });

  afterAll(async () => {
    await stopHarness(harness, repos);
  });

  it('snapshots after a successful install, and the next sandbox on the same key restores it without installing', async () => {
    const repo = await createBareRepo(fakeProject('v1'));
    repos.push(repo);
    const { client } = harness;

    const first = await harness.sandbox({ taskId: 'warm-first', source: { kind: 'local-bare', path: repo.path } });
    const installed = await client.installDependencies(first, { setupCommand: FAKE_INSTALL, timeoutMs: 120_000 });
    expect(installed.ok).toBe(true);
    expect(installed.steps.map((step) => step.command)).toEqual([FAKE_INSTALL]);
    expect(installed.warmEnvironment).toMatchObject({
      outcome: 'saved',
      manifests: ['package-lock.json', 'package.json'],
      reason: null,
    });
    const key = installed.warmEnvironment?.key ?? '';
    const image = await harness.images.find(key);
    expect(image).not.toBeNull();
    // Only what the install added: no .git (its config can hold credentials), no home, no tracked sources.
    const members = await archiveMembers(harness.images, image as WarmEnvironmentImage);
    expect(members.filter((name) => !name.endsWith('/')).sort()).toEqual([
      'patchbay-warm/node_modules/fake/blob',
      'patchbay-warm/node_modules/fake/from-lockfile',
    ]);
    const blob = await client.exec(first, { command: 'sha256sum node_modules/fake/blob' });

    const second = await harness.sandbox({ taskId: 'warm-second', source: { kind: 'local-bare', path: repo.path } });
    const reused = await client.installDependencies(second, { setupCommand: FAKE_INSTALL, timeoutMs: 120_000 });
    expect(reused).toMatchObject({ ok: true, steps: [], failure: null });
    expect(reused.warmEnvironment).toMatchObject({ outcome: 'restored', key });
    // The setup command did not run (it leaves a mark in /tmp, which no snapshot carries) ...
    expect((await client.exec(second, { command: 'test -e /tmp/install-ran; echo $?' })).stdout).toBe('1\n');
    // ... and the workspace has exactly what it left in the first sandbox.
    expect((await client.exec(second, { command: 'sha256sum node_modules/fake/blob' })).stdout).toBe(blob.stdout);
    expect((await client.exec(second, { command: 'git status --porcelain' })).stdout).toBe('');
  });

  it('installs again when the lockfile changed, and keeps the new result under its own key', async () => {
    const repo = await createBareRepo(fakeProject('v1'));
    repos.push(repo);
    const { client } = harness;
    const first = await harness.sandbox({ taskId: 'lock-v1', source: { kind: 'local-bare', path: repo.path } });
    const v1 = await client.installDependencies(first, { setupCommand: FAKE_INSTALL, timeoutMs: 120_000 });
    expect(v1.warmEnvironment?.outcome).toBe('saved');

    const commit = await commitTo(repo.path, {
      'package-lock.json': fakeProject('v2')['package-lock.json'],
    });
    const second = await harness.sandbox({
      taskId: 'lock-v2',
      source: { kind: 'local-bare', path: repo.path, commit },
    });
    const v2 = await client.installDependencies(second, { setupCommand: FAKE_INSTALL, timeoutMs: 120_000 });
    expect(v2.steps).toHaveLength(1);
    expect(v2.warmEnvironment?.outcome).toBe('saved');
    expect(v2.warmEnvironment?.key).not.toBe(v1.warmEnvironment?.key);
    expect((await client.exec(second, { command: 'cat node_modules/fake/from-lockfile' })).stdout).toContain('"v2"');

    // Another setup command is another key too.
    const third = await harness.sandbox({
      taskId: 'lock-cmd',
      source: { kind: 'local-bare', path: repo.path, commit },
    });
    const other = await client.installDependencies(third, {
      setupCommand: `${FAKE_INSTALL} && true`,
      timeoutMs: 120_000,
    });
    expect(other.steps).toHaveLength(1);
    expect(other.warmEnvironment?.key).not.toBe(v2.warmEnvironment?.key);
  });

  it('does not keep a snapshot in which a value of the sandbox environment appears', async () => {
    const repo = await createBareRepo(fakeProject('v1'));
    repos.push(repo);
    const id = await harness.sandbox({
      taskId: 'warm-secret',
      source: { kind: 'local-bare', path: repo.path },
      env: { DEPLOY_TOKEN: 'tok_7f3a9c2e5b1d4f60' },
    });
    const result = await harness.client.installDependencies(id, {
      setupCommand: 'mkdir -p node_modules/leaky && echo "token=$DEPLOY_TOKEN" > node_modules/leaky/config',
      timeoutMs: 120_000,
    });
    expect(result.ok).toBe(true);
    expect(result.warmEnvironment).toMatchObject({ outcome: 'not_saved', reason: expect.stringMatching(/secret/) });
    expect(await harness.images.find(result.warmEnvironment?.key ?? '')).toBeNull();
  });

  it('two sandboxes saving the same key at once leave one usable snapshot', async () => {
    const repo = await createBareRepo(fakeProject('v1'));
    repos.push(repo);
    const { client } = harness;
    const [a, b] = await Promise.all([
      harness.sandbox({ taskId: 'race-a', source: { kind: 'local-bare', path: repo.path } }),
      harness.sandbox({ taskId: 'race-b', source: { kind: 'local-bare', path: repo.path } }),
    ]);
    const results = await Promise.all(
      [a, b].map((id) => client.installDependencies(id, { setupCommand: FAKE_INSTALL, timeoutMs: 120_000 })),
    );
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect(results.some((result) => result.warmEnvironment?.outcome === 'saved')).toBe(true);
    const c = await harness.sandbox({ taskId: 'race-c', source: { kind: 'local-bare', path: repo.path } });
    const reused = await client.installDependencies(c, { setupCommand: FAKE_INSTALL, timeoutMs: 120_000 });
    expect(reused.warmEnvironment?.outcome).toBe('restored');
    const check = await client.exec(c, {
      command: 'test -s node_modules/fake/blob && cat node_modules/fake/from-lockfile',
    });
    expect(check.stdout).toContain('"v1"');
  });

  it('shares a package cache between installs of one repository and never with another repository', async () => {
    const project = {
      'package.json': JSON.stringify({
        name: 'cache-fixture',
        version: '1.0.0',
        dependencies: { 'is-number': '7.0.0' },
      }),
      '.gitignore': 'node_modules/\n',
    };
    const repo = await createBareRepo(project);
    const stranger = await createBareRepo(project);
    repos.push(repo, stranger);
    const { client } = harness;

    const online = await harness.sandbox({ taskId: 'cache-online', source: { kind: 'local-bare', path: repo.path } });
    const first = await client.installDependencies(online, { timeoutMs: 180_000 });
    expect(first.failure).toBeNull();
    expect(first.steps.map((step) => step.command)).toEqual(['npm install --no-audit --no-fund']);

    // `--offline` never asks the registry: it succeeds only from the cache the first install filled.
    const offlineInstall = 'npm install --offline --no-audit --no-fund';
    const same = await harness.sandbox({ taskId: 'cache-same', source: { kind: 'local-bare', path: repo.path } });
    const fromCache = await client.installDependencies(same, { setupCommand: offlineInstall, timeoutMs: 180_000 });
    expect(fromCache.failure).toBeNull();
    expect((await client.exec(same, { command: 'node -e "console.log(require(\'is-number\')(5))"' })).stdout).toBe(
      'true\n',
    );

    const other = await harness.sandbox({ taskId: 'cache-other', source: { kind: 'local-bare', path: stranger.path } });
    const isolated = await client.installDependencies(other, { setupCommand: offlineInstall, timeoutMs: 180_000 });
    expect(isolated.ok).toBe(false);
    expect(isolated.failure?.outputTail).toMatch(/ENOTCACHED|offline/i);
  });
});

describe('warm environment eviction', () => {
  let harness: Harness;
  const repos: BareRepoFixture[] = [];

  beforeAll(async () => {
    harness = await startHarness({
      SANDBOX_REAPER_INTERVAL_MS: String(24 * 60 * 60_000),
      SANDBOX_WARM_ENV_MAX_AGE_MS: String(60 * 60_000),
      // One 700 kB snapshot fits, two do not.
      SANDBOX_WARM_ENV_MAX_BYTES: String(1024 * 1024),
    });
  });

  afterAll(async () => {
    await stopHarness(harness, repos);
  });

  async function saved(taskId: string): Promise<{ repo: BareRepoFixture; key: string }> {
    const repo = await createBareRepo(fakeProject(taskId));
    repos.push(repo);
    const id = await harness.sandbox({ taskId, source: { kind: 'local-bare', path: repo.path } });
    const result = await harness.client.installDependencies(id, { setupCommand: FAKE_INSTALL, timeoutMs: 120_000 });
    expect(result.warmEnvironment?.outcome).toBe('saved');
    return { repo, key: result.warmEnvironment?.key ?? '' };
  }

  /** Only this spec's images: eviction runs over the whole engine, so other images may come and go. */
  const mine = async (keys: string[]) =>
    (await Promise.all(keys.map(async (key) => ((await harness.images.find(key)) ? key : null)))).filter(Boolean);

  it('evicts the least recently used above the size limit, and everything past the age limit', async () => {
    const older = await saved('evict-older');
    const newer = await saved('evict-newer');
    // Using the older one makes the newer one the least recently used.
    const reuse = await harness.sandbox({
      taskId: 'evict-reuse',
      source: { kind: 'local-bare', path: older.repo.path },
    });
    const restored = await harness.client.installDependencies(reuse, {
      setupCommand: FAKE_INSTALL,
      timeoutMs: 120_000,
    });
    expect(restored.warmEnvironment?.outcome).toBe('restored');

    const evictor = harness.app.get(WarmEnvironmentEvictor);
    const bySize = await evictor.evict();
    expect(bySize.removed).toContainEqual(expect.objectContaining({ key: newer.key, reason: 'size' }));
    expect(await mine([older.key, newer.key])).toEqual([older.key]);

    const byAge = await evictor.evict(new Date(Date.now() + 2 * 60 * 60_000));
    expect(byAge.removed).toContainEqual(expect.objectContaining({ key: older.key, reason: 'age' }));
    expect(await mine([older.key])).toEqual([]);
  });
});
