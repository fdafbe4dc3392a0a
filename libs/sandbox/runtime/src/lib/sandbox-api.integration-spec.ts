import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import type { ExecResult, ExecStreamChunk, SandboxInfo } from '@patchbay/contracts';
import { createSandboxApplication } from './sandbox-app.factory';
import {
  createBareRepo,
  NODE_PROJECT,
  PYTHON_PROJECT,
  sandboxTestConfig,
  TEST_SANDBOX_TOKEN,
  type BareRepoFixture,
} from '../testing/sandbox-fixtures';

jest.setTimeout(120_000);

describe('sandbox HTTP API against real gVisor containers', () => {
  let app: INestApplication;
  let server: App;
  const auth = { Authorization: `Bearer ${TEST_SANDBOX_TOKEN}` };
  const repos: BareRepoFixture[] = [];

  beforeAll(async () => {
    app = await createSandboxApplication(sandboxTestConfig(), { logger: false });
    await app.init();
    server = app.getHttpServer() as App;
  });

  afterAll(async () => {
    await app.close();
    await Promise.all(repos.map((repo) => repo.cleanup()));
  });

  async function createSandbox(body: Record<string, unknown>): Promise<SandboxInfo> {
    const response = await request(server).post('/v1/sandboxes').set(auth).send(body);
    expect(response.status).toBe(201);
    return response.body as SandboxInfo;
  }

  async function exec(id: string, body: Record<string, unknown>): Promise<ExecResult> {
    const response = await request(server).post(`/v1/sandboxes/${id}/exec`).set(auth).send(body);
    expect(response.status).toBe(200);
    return response.body as ExecResult;
  }

  describe('bad requests get precise 4xx answers', () => {
    it('401 without a token, with a malformed header and with a wrong token', async () => {
      const missing = await request(server).post('/v1/sandboxes').send({ taskId: 't' });
      expect(missing.status).toBe(401);
      expect(missing.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.stringContaining('bearer service token'),
      });
      const malformed = await request(server).get('/v1/sandboxes/x').set('Authorization', 'Token abc');
      expect(malformed.status).toBe(401);
      const wrong = await request(server)
        .get('/v1/sandboxes/x')
        .set('Authorization', 'Bearer not-the-token-at-all-000');
      expect(wrong.body.message).toBe('invalid service token');
    });

    it('health, readiness and metrics need no token', async () => {
      expect((await request(server).get('/healthz')).status).toBe(200);
      expect((await request(server).get('/readyz')).body).toEqual({
        status: 'ready',
        runtimes: expect.arrayContaining(['runsc', 'runsc-net']),
      });
      const metrics = await request(server).get('/metrics');
      expect(metrics.text).toContain('patchbay_sandbox_creates_total');
    });

    it('404 for an unknown sandbox on every kind of route', async () => {
      for (const call of [
        request(server).get('/v1/sandboxes/sbx-nope').set(auth),
        request(server).post('/v1/sandboxes/sbx-nope/exec').set(auth).send({ command: 'true' }),
        request(server).get('/v1/sandboxes/sbx-nope/files?path=a').set(auth),
        request(server).delete('/v1/sandboxes/sbx-nope').set(auth),
      ]) {
        const response = await call;
        expect(response.status).toBe(404);
        expect(response.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: 'sandbox "sbx-nope" does not exist',
        });
      }
    });

    it('400 naming the field for bad limits and other bad bodies', async () => {
      const zeroCpu = await request(server)
        .post('/v1/sandboxes')
        .set(auth)
        .send({ taskId: 't1', limits: { cpus: 0 } });
      expect(zeroCpu.status).toBe(400);
      expect(zeroCpu.body.message).toBe('limits.cpus: cpus must be at least 0.1');
      const hugeMemory = await request(server)
        .post('/v1/sandboxes')
        .set(auth)
        .send({ taskId: 't1', limits: { memoryMb: 10_000_000 } });
      expect(hugeMemory.body.message).toBe('limits.memoryMb: memoryMb must be at most 262144');
      const unknownField = await request(server)
        .post('/v1/sandboxes')
        .set(auth)
        .send({ taskId: 't1', limits: { disk: 5 } });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.message).toContain('disk');
      const badNetwork = await request(server).post('/v1/sandboxes').set(auth).send({ taskId: 't1', network: 'host' });
      expect(badNetwork.status).toBe(400);
      expect(badNetwork.body.message).toMatch(/^network: /);
      const noImage = await request(server).post('/v1/sandboxes').set(auth).send({ taskId: 't1', image: 'cobol' });
      expect(noImage.status).toBe(400);
      expect(noImage.body.message).toContain('image "cobol" is not built');
      const outsideRoots = await request(server)
        .post('/v1/sandboxes')
        .set(auth)
        .send({ taskId: 't1', source: { kind: 'local-bare', path: '/etc' } });
      expect(outsideRoots.status).toBe(400);
      expect(outsideRoots.body.message).toContain('outside the allowed repository roots');
    });

    it('400 for a commit the repository does not have', async () => {
      const repo = await createBareRepo({ 'a.txt': 'a\n' });
      repos.push(repo);
      const response = await request(server)
        .post('/v1/sandboxes')
        .set(auth)
        .send({ taskId: 't1', source: { kind: 'local-bare', path: repo.path, commit: 'deadbeef' } });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('commit "deadbeef" does not exist');
    });
  });

  describe('a Node project', () => {
    let sandbox: SandboxInfo;

    beforeAll(async () => {
      const repo = await createBareRepo(NODE_PROJECT);
      repos.push(repo);
      sandbox = await createSandbox({
        taskId: 'task-node',
        image: 'node',
        source: { kind: 'local-bare', path: repo.path, commit: repo.commit },
      });
      expect(sandbox.baseCommit).toBe(repo.commit);
    });

    afterAll(async () => {
      await request(server).delete(`/v1/sandboxes/${sandbox.id}`).set(auth);
    });

    it('runs under gVisor as the non-root agent user with a read-only root filesystem', async () => {
      expect(sandbox.runtime).toBe('runsc');
      const result = await exec(sandbox.id, {
        command: 'id -u; dmesg 2>/dev/null | head -n 1; awk \'$2 == "/" { print $4 }\' /proc/mounts',
      });
      const [uid, kernel, rootOptions] = result.stdout.trim().split('\n');
      expect(uid).toBe('1000');
      expect(kernel).toContain('Starting gVisor');
      expect(rootOptions.split(',')).toContain('ro');
      const capabilities = await exec(sandbox.id, { command: "grep -E '^Cap(Eff|Prm|Bnd)' /proc/self/status" });
      expect(capabilities.stdout).toMatch(/CapEff:\s+0+\n/);
      expect(capabilities.stdout).toMatch(/CapBnd:\s+0+\n/);
    });

    it("runs the repository's npm test and returns its results", async () => {
      const result = await exec(sandbox.id, { command: 'npm test' });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/# pass 2/);
      expect(result.stdout).toMatch(/# fail 0/);
      expect(result.timedOut).toBe(false);
    });

    it('reads, writes, lists, searches and deletes files, and diffs against the base commit', async () => {
      const read = await request(server)
        .get(`/v1/sandboxes/${sandbox.id}/files`)
        .query({ path: 'test/sum.test.js', startLine: 2, endLine: 3 })
        .set(auth);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ path: 'test/sum.test.js', startLine: 2, endLine: 3, totalLines: 5 });
      expect(read.body.content).toBe("const assert = require('node:assert');\nconst { sum } = require('../sum');");

      const write = await request(server)
        .put(`/v1/sandboxes/${sandbox.id}/files`)
        .set(auth)
        .send({ path: 'src/new/deep.js', content: 'module.exports = 42;\n' });
      expect(write.body).toEqual({ path: 'src/new/deep.js', bytes: 21 });
      await request(server)
        .put(`/v1/sandboxes/${sandbox.id}/files`)
        .set(auth)
        .send({ path: 'sum.js', content: 'exports.sum = (a, b) => b + a;\n' });

      const tree = await request(server)
        .get(`/v1/sandboxes/${sandbox.id}/tree`)
        .query({ recursive: 'true', ignore: 'test' })
        .set(auth);
      expect(tree.status).toBe(200);
      const paths = (tree.body.entries as Array<{ path: string }>).map((entry) => entry.path);
      expect(paths).toEqual(expect.arrayContaining(['package.json', 'sum.js', 'src', 'src/new', 'src/new/deep.js']));
      expect(paths.some((path) => path.startsWith('test'))).toBe(false);
      expect(paths.some((path) => path.startsWith('.git'))).toBe(false);

      const search = await request(server)
        .post(`/v1/sandboxes/${sandbox.id}/search`)
        .set(auth)
        .send({ pattern: 'exports\\.sum', maxResults: 10 });
      expect(search.status).toBe(200);
      expect(search.body.matches).toEqual([{ path: 'sum.js', line: 1, text: 'exports.sum = (a, b) => b + a;' }]);

      const diff = await request(server).get(`/v1/sandboxes/${sandbox.id}/diff`).set(auth);
      expect(diff.body.baseCommit).toBe(sandbox.baseCommit);
      expect(diff.body.files).toEqual(
        expect.arrayContaining([
          { path: 'src/new/deep.js', added: 1, removed: 0 },
          { path: 'sum.js', added: 1, removed: 1 },
        ]),
      );
      expect(diff.body.diff).toContain('+exports.sum = (a, b) => b + a;');

      const removed = await request(server)
        .delete(`/v1/sandboxes/${sandbox.id}/files`)
        .query({ path: 'src' })
        .set(auth);
      expect(removed.status).toBe(204);
      const gone = await request(server)
        .get(`/v1/sandboxes/${sandbox.id}/files`)
        .query({ path: 'src/new/deep.js' })
        .set(auth);
      expect(gone.status).toBe(404);
      expect(gone.body.message).toBe('"src/new/deep.js" does not exist in the workspace');
    });

    it('refuses ../, absolute paths outside /workspace and symlink escapes with 400', async () => {
      await exec(sandbox.id, {
        command: 'ln -s /etc escape-dir && ln -s /etc/passwd escape-file && mkdir -p inner && ln -s ../.. inner/up',
      });
      const attempts = [
        request(server).get(`/v1/sandboxes/${sandbox.id}/files`).query({ path: '../etc/passwd' }).set(auth),
        request(server).get(`/v1/sandboxes/${sandbox.id}/files`).query({ path: 'test/../../etc/passwd' }).set(auth),
        request(server).get(`/v1/sandboxes/${sandbox.id}/files`).query({ path: '/etc/passwd' }).set(auth),
        request(server).get(`/v1/sandboxes/${sandbox.id}/files`).query({ path: 'escape-file' }).set(auth),
        request(server).get(`/v1/sandboxes/${sandbox.id}/files`).query({ path: 'escape-dir/hostname' }).set(auth),
        request(server).get(`/v1/sandboxes/${sandbox.id}/files`).query({ path: 'inner/up/etc/hostname' }).set(auth),
        request(server)
          .put(`/v1/sandboxes/${sandbox.id}/files`)
          .set(auth)
          .send({ path: 'escape-dir/evil', content: 'x' }),
        request(server).put(`/v1/sandboxes/${sandbox.id}/files`).set(auth).send({ path: 'escape-file', content: 'x' }),
        request(server).put(`/v1/sandboxes/${sandbox.id}/files`).set(auth).send({ path: '/tmp/x', content: 'x' }),
        request(server).get(`/v1/sandboxes/${sandbox.id}/tree`).query({ path: 'escape-dir' }).set(auth),
        request(server)
          .post(`/v1/sandboxes/${sandbox.id}/search`)
          .set(auth)
          .send({ pattern: 'root', path: 'escape-dir' }),
        request(server).delete(`/v1/sandboxes/${sandbox.id}/files`).query({ path: 'escape-dir/passwd' }).set(auth),
        request(server).post(`/v1/sandboxes/${sandbox.id}/exec`).set(auth).send({ command: 'pwd', cwd: '../' }),
      ];
      for (const attempt of attempts) {
        const response = await attempt;
        expect(response.status).toBe(400);
        expect(response.body.message).toMatch(/"\.\."|outside \/workspace/);
      }
      // Deleting the link itself is allowed and leaves its target alone.
      expect(
        (await request(server).delete(`/v1/sandboxes/${sandbox.id}/files`).query({ path: 'escape-file' }).set(auth))
          .status,
      ).toBe(204);
      expect((await exec(sandbox.id, { command: 'test -f /etc/passwd && echo intact' })).stdout).toBe('intact\n');
      const cwdEscape = await exec(sandbox.id, { command: 'pwd', cwd: 'escape-dir' });
      expect(cwdEscape.exitCode).toBe(126);
      expect(cwdEscape.stderr).toContain('resolves outside /workspace');
    });

    it('snapshots and restores the workspace', async () => {
      await request(server)
        .put(`/v1/sandboxes/${sandbox.id}/files`)
        .set(auth)
        .send({ path: 'state.txt', content: 'before\n' });
      const snapshot = await request(server)
        .post(`/v1/sandboxes/${sandbox.id}/snapshots`)
        .set(auth)
        .send({ label: 'before edit' });
      expect(snapshot.status).toBe(201);
      await request(server)
        .put(`/v1/sandboxes/${sandbox.id}/files`)
        .set(auth)
        .send({ path: 'state.txt', content: 'after\n' });
      await request(server)
        .put(`/v1/sandboxes/${sandbox.id}/files`)
        .set(auth)
        .send({ path: 'added-later.txt', content: 'x\n' });
      const restored = await request(server)
        .post(`/v1/sandboxes/${sandbox.id}/snapshots/${snapshot.body.id}/restore`)
        .set(auth);
      expect(restored.status).toBe(200);
      const state = await request(server)
        .get(`/v1/sandboxes/${sandbox.id}/files`)
        .query({ path: 'state.txt' })
        .set(auth);
      expect(state.body.content).toBe('before\n');
      expect(
        (await request(server).get(`/v1/sandboxes/${sandbox.id}/files`).query({ path: 'added-later.txt' }).set(auth))
          .status,
      ).toBe(404);
      const head = await exec(sandbox.id, { command: 'git rev-parse HEAD' });
      expect(head.stdout.trim()).toBe(sandbox.baseCommit);
      const unknown = await request(server).post(`/v1/sandboxes/${sandbox.id}/snapshots/nope/restore`).set(auth);
      expect(unknown.status).toBe(404);
    });

    it('streams output as it arrives and ends with the result', async () => {
      const response = await request(server)
        .post(`/v1/sandboxes/${sandbox.id}/exec/stream`)
        .set(auth)
        .send({ command: 'echo one; sleep 0.3; echo two >&2; exit 3' })
        .buffer(true)
        .parse((res, callback) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => callback(null, text));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('application/x-ndjson');
      const chunks = (response.body as string)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ExecStreamChunk);
      expect(chunks[0]).toEqual({ type: 'stdout', data: 'one\n' });
      expect(chunks).toContainEqual({ type: 'stderr', data: 'two\n' });
      const last = chunks[chunks.length - 1];
      expect(last.type).toBe('exit');
      if (last.type === 'exit') expect(last.result.exitCode).toBe(3);
    });

    it('kills a command past its timeout and reports it as timed out', async () => {
      const started = Date.now();
      const result = await exec(sandbox.id, {
        command: 'echo started; sleep 30 & sleep 30; echo never',
        timeoutMs: 1_500,
      });
      expect(result.timedOut).toBe(true);
      expect(result.exitCode).toBeNull();
      expect(result.stdout).toBe('started\n');
      expect(Date.now() - started).toBeLessThan(8_000);
      const survivors = await exec(sandbox.id, {
        command: "ps -eo stat=,args= | grep -v '^Z' | grep -c ' sleep 30$' || true",
      });
      expect(survivors.stdout.trim()).toBe('0');
    });
  });

  it("runs a Python project's pytest and returns the failing test", async () => {
    const repo = await createBareRepo(PYTHON_PROJECT);
    repos.push(repo);
    const sandbox = await createSandbox({
      taskId: 'task-python',
      image: 'python',
      source: { kind: 'local-bare', path: repo.path },
    });
    try {
      const result = await exec(sandbox.id, { command: 'python3 -m pytest -q -p no:cacheprovider' });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(/1 failed, 2 passed/);
      expect(result.stdout).toContain('test_fails');
    } finally {
      await request(server).delete(`/v1/sandboxes/${sandbox.id}`).set(auth);
    }
  });
});
