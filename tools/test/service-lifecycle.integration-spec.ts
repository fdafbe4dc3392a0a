import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { testAmqpUrl, testDatabaseUrl } from '@patchbay/testing';

/**
 * Every Node service, built and run as its own process the way `npx nx serve <app>` runs it:
 * it starts, answers /healthz and /readyz, and exits with status 0 on SIGTERM.
 */
const root = path.resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited early (${child.exitCode}):\n${output()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no healthy answer from ${url} in 30 s:\n${output()}`);
}

const SERVICES = ['supervisor', 'coding-agent', 'testing-agent', 'github-agent', 'research-agent'] as const;

describe('services as processes', () => {
  beforeAll(() => {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  it.each(['gateway', ...SERVICES])('%s starts, is healthy and ready, and exits 0 on SIGTERM', async (service) => {
    const port = await freePort();
    const env = {
      ...process.env,
      AMQP_URL: testAmqpUrl(),
      BUS_DRIVER: 'rabbitmq',
      ...(service === 'gateway'
        ? { PORT: String(port), DATABASE_URL: testDatabaseUrl(), JWT_SECRET: 'x'.repeat(40), PATCHBAY_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), SWAGGER_ENABLED: 'false' }
        : { HEALTH_PORT: String(port) }),
    };
    const child = spawn(process.execPath, ['-r', './tools/runtime/register-aliases.js', `dist/out-tsc/apps/${service}/src/main.js`], { cwd: root, env, stdio: 'pipe' });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, () => output);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(output).toContain('SIGTERM received: shutting down');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);

  it('npm start (all-in-one, no DATABASE_URL) serves health, readiness and the OpenAPI document with an embedded PostgreSQL', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'patchbay-all-in-one-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir };
    delete env['DATABASE_URL'];
    const started = Date.now();
    const child = spawn('npm', ['start'], { cwd: root, env, stdio: 'pipe', detached: true });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, () => output);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs/openapi.json`);
      expect(((await docs.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/api/v1/tasks');
      expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(200);
      expect(output).toContain(`Patchbay is running: open http://localhost:${port}`);
      const exited = once(child, 'exit');
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses to start with a bad configuration and names the variable', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, ['-r', './tools/runtime/register-aliases.js', 'dist/out-tsc/apps/supervisor/src/main.js'], {
        cwd: root, env: { ...process.env, BUS_DRIVER: 'rabbitmq', AMQP_URL: 'http://not-amqp' }, stdio: 'pipe', timeout: 20_000,
      });
    } catch (error) {
      stderr = String((error as { stdout?: Buffer }).stdout ?? '') + String((error as { stderr?: Buffer }).stderr ?? '');
    }
    expect(stderr).toContain('AMQP_URL: AMQP_URL must be an amqp:// URL');
  });
});
