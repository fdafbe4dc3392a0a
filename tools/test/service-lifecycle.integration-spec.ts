import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { oggDurationSeconds } from '@patchbay/speech';
import { eventually, StopWaiting, testAmqpUrl, testDatabaseUrl } from '@patchbay/testing';

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

/** `npm start` compiles the services first; on a busy two-core machine that alone can take a minute. */
const HEALTH_WAIT_MS = 120_000;

function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  return eventually(
    async () => {
      if (child.exitCode !== null) throw new StopWaiting(`exited early (${child.exitCode}):\n${output()}`);
      const answer = await fetch(url).then(
        (r) => `status ${r.status}`,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      if (answer !== 'status 200')
        throw new Error(`${url} answered ${answer}; output so far:\n${output().slice(-3_000)}`);
    },
    { description: `a healthy answer from ${url}`, timeoutMs: HEALTH_WAIT_MS },
  );
}

type ListedTask = { id: string; status: string; repository: string };

/** The demo task once it has completed or failed, read through the task list (it is created at start-up). */
function settledDemoTask(api: string, auth: { authorization: string }, timeoutMs: number): Promise<ListedTask> {
  return eventually(
    async () => {
      const page = (await (await fetch(`${api}/tasks`, { headers: auth })).json()) as { items: ListedTask[] };
      const demo = page.items.find((task) => task.repository === 'patchbay/demo-invoice');
      if (demo?.status !== 'completed' && demo?.status !== 'failed')
        throw new Error(demo ? `the demo task is ${demo.status}` : 'no demo task yet');
      return demo;
    },
    { description: 'the demo task completes or fails', timeoutMs, intervalMs: 500 },
  );
}

const SERVICES = ['supervisor', 'coding-agent', 'testing-agent', 'github-agent', 'research-agent'] as const;

/** `npm start` as a terminal would run it, on free ports, with its own data directory and no DATABASE_URL. */
async function startAllInOne(
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; port: number; dataDir: string; output: () => string }> {
  const [port, pgPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'patchbay-all-in-one-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    DATA_DIR: dataDir,
    ...extraEnv,
  };
  delete env['DATABASE_URL'];
  // tools/runtime/start.js spawned directly, in its own process group like a terminal's
  // foreground job, so signals reach the launcher, which forwards them and exits with the
  // platform's own status.
  const child = spawn(process.execPath, ['tools/runtime/start.js'], { cwd: root, env, stdio: 'pipe', detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, port, dataDir, output: () => output };
}

describe('services as processes', () => {
  beforeAll(() => {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  it.each(['gateway', ...SERVICES, 'sandbox'])(
    '%s starts, is healthy and ready, and exits 0 on SIGTERM',
    async (service) => {
      const port = await freePort();
      const env = {
        ...process.env,
        AMQP_URL: testAmqpUrl(),
        BUS_DRIVER: 'rabbitmq',
        DATABASE_URL: testDatabaseUrl(),
        // Agents only need the sandbox service's address to start; nothing here calls it.
        SANDBOX_URL: 'http://127.0.0.1:9',
        SANDBOX_TOKEN: 'lifecycle-test-token',
        ...(service === 'sandbox'
          ? {
              SANDBOX_PORT: String(port),
              SANDBOX_INSTANCE_ID: `lifecycle-${port}`,
              SANDBOX_POOL_SIZE: '0',
              SANDBOX_EGRESS_PROXY_PORT: '0',
            }
          : {}),
        ...(service === 'gateway'
          ? {
              PORT: String(port),
              JWT_SECRET: 'x'.repeat(40),
              PATCHBAY_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
              SWAGGER_ENABLED: 'false',
            }
          : { HEALTH_PORT: String(port) }),
      };
      const child = spawn(
        process.execPath,
        ['-r', './tools/runtime/register-aliases.js', `dist/out-tsc/apps/${service}/src/main.js`],
        { cwd: root, env, stdio: 'pipe' },
      );
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
    },
    60_000,
  );

  it('npm start (all-in-one, no DATABASE_URL) serves health, readiness and the OpenAPI document with an embedded PostgreSQL, and runs the offline demo to a pull request and a spoken summary', async () => {
    const started = Date.now();
    const { child, port, dataDir, output } = await startAllInOne();
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, output);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs/openapi.json`);
      expect(((await docs.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/api/v1/tasks');
      expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(200);
      expect(output()).toContain(`Patchbay is running: open http://localhost:${port}`);

      // The offline demo: a task on the demo repository runs through every stage with the scripted model.
      const api = `http://127.0.0.1:${port}/api/v1`;
      const session = (await (
        await fetch(`${api}/auth/dev-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'newcomer' }),
        })
      ).json()) as { token: string; user: { role: string } };
      expect(session.user.role).toBe('admin');
      const auth = { authorization: `Bearer ${session.token}` };
      const demo = await settledDemoTask(api, auth, 120_000);
      const events = (await (await fetch(`${api}/tasks/${demo?.id}/events`, { headers: auth })).json()) as Array<{
        type: string;
        payload: Record<string, unknown>;
      }>;
      expect({
        status: demo?.status,
        log:
          demo?.status === 'completed'
            ? ''
            : events.map((e) => `${e.type} ${JSON.stringify(e.payload).slice(0, 200)}`).join('\n'),
      }).toEqual({ status: 'completed', log: '' });
      expect(events.find((e) => e.type === 'pr_created')?.payload).toMatchObject({
        branch: expect.stringMatching(/^patchbay\//),
      });
      expect(events.find((e) => e.type === 'plan_ready')?.payload['model']).toBe('scripted model');
      // The demo ends with a spoken summary by espeak-ng, the offline default.
      expect(events.find((e) => e.type === 'audio_ready')?.payload).toMatchObject({
        provider: 'espeak',
        contentType: 'audio/ogg; codecs=opus',
      });
      const audio = await fetch(`${api}/tasks/${demo?.id}/audio`, { headers: auth });
      expect(audio.status).toBe(200);
      expect(oggDurationSeconds(Buffer.from(await audio.arrayBuffer()))).toBeGreaterThan(1);
      expect(Date.now() - started).toBeLessThan(120_000);
      const exited = once(child, 'exit');
      process.kill(child.pid!, 'SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
      // A clean shutdown leaves none of its sandboxes (the warm pool's included) behind.
      const leftovers = execFileSync('docker', [
        'ps',
        '-aq',
        '--filter',
        `label=org.patchbay.sandbox.owner=all-in-one-${port}`,
      ])
        .toString()
        .trim();
      expect(leftovers).toBe('');
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('npm start stops on Ctrl-C (SIGINT to its whole process group) as on SIGTERM: exit 0, no sandbox left', async () => {
    // Ctrl-C signals the whole process group at once (launcher, platform, embedded PostgreSQL),
    // and the launcher forwards it once more.
    const { child, port, dataDir, output } = await startAllInOne({ PATCHBAY_DEMO: 'off' });
    const owner = `label=org.patchbay.sandbox.owner=all-in-one-${port}`;
    const sandboxes = () => execFileSync('docker', ['ps', '-aq', '--filter', owner]).toString().trim();
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, output);
      // The warm pool's container is the sandbox that must not outlive the process.
      await eventually(
        () => {
          if (sandboxes() === '') throw new Error('no sandbox container yet');
        },
        { description: "the warm pool's sandbox is created", timeoutMs: 60_000, intervalMs: 250 },
      );
      const exited = once(child, 'exit');
      process.kill(-child.pid!, 'SIGINT');
      const [code] = (await exited) as [number | null];
      expect({ code, output: code === 0 ? '' : output().slice(-3_000) }).toEqual({ code: 0, output: '' });
      expect(output()).toContain('SIGINT received: shutting down');
      expect(sandboxes()).toBe('');
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      const left = sandboxes();
      if (left) execFileSync('docker', ['rm', '-f', ...left.split('\n')]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('npm start on a machine whose Docker engine does not answer: the start-up block, /readyz, the demo task and npm run doctor all name the missing engine and the fix', async () => {
    // DOCKER_HOST at a socket nothing serves stands in for a machine without Docker; the
    // machine's own engine is left alone. LOG_FORMAT=pretty: the console a person would read.
    const dead = 'unix:///nonexistent/patchbay-lifecycle/docker.sock';
    const env = { DOCKER_HOST: dead, DOCKER_SOCKET: '', LOG_FORMAT: 'pretty' };
    const { child, port, dataDir, output } = await startAllInOne(env);
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, output);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(503);
      const readiness = (await ready.json()) as { message: string; checks: Record<string, string> };
      expect(readiness.checks).toMatchObject({ database: 'up', bus: 'up', sandbox: 'down' });
      expect(readiness.message).toContain(
        'sandbox: the Docker engine at /nonexistent/patchbay-lifecycle/docker.sock does not answer',
      );

      const api = `http://127.0.0.1:${port}/api/v1`;
      const session = (await (
        await fetch(`${api}/auth/dev-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'newcomer' }),
        })
      ).json()) as { token: string };
      const auth = { authorization: `Bearer ${session.token}` };
      const demo = await settledDemoTask(api, auth, 60_000);
      expect(demo?.status).toBe('failed');
      const events = (await (await fetch(`${api}/tasks/${demo?.id}/events`, { headers: auth })).json()) as Array<{
        type: string;
        payload: Record<string, unknown>;
      }>;
      expect(events.find((e) => e.type === 'error')?.payload).toMatchObject({
        category: 'user_correctable',
        message: expect.stringMatching(
          /^the sandbox engine is not available: the Docker engine at \/nonexistent\/patchbay-lifecycle\/docker\.sock does not answer \(.+\) — run npm run doctor$/,
        ),
      });

      // The console: one block with the URL, sign-in, model and sandbox status; readable lines, no route-mapping noise.
      const console = output();
      expect(console).toContain(`Open      http://localhost:${port}`);
      expect(console).toContain('Sign in   any login name');
      expect(console).toContain('Model     scripted demo model');
      expect(console).toMatch(
        /Sandbox {3}not available: the Docker engine at \S+ does not answer .+ — run npm run doctor/,
      );
      expect(console).toMatch(/^\d\d:\d\d:\d\d\.\d{3} (INFO |WARN ) patchbay /m);
      expect(console).not.toContain('Mapped {');
      expect(console).not.toMatch(/^\{"level"/m);

      let doctor = { status: 0, stdout: '' };
      try {
        execFileSync(process.execPath, ['tools/doctor/doctor.js'], {
          cwd: root,
          env: { ...process.env, ...env },
          stdio: 'pipe',
          timeout: 120_000,
        });
      } catch (error) {
        doctor = {
          status: (error as { status: number }).status,
          stdout: String((error as { stdout?: Buffer }).stdout ?? ''),
        };
      }
      expect(doctor.status).toBe(1);
      expect(doctor.stdout).toContain(
        '✗ Docker engine: not reachable at unix:///nonexistent/patchbay-lifecycle/docker.sock (from DOCKER_HOST)',
      );
      expect(doctor.stdout).toContain('fix: correct or unset DOCKER_HOST, or run npm run setup');
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('refuses to start with a bad configuration and names the variable', () => {
    let stderr = '';
    try {
      execFileSync(
        process.execPath,
        ['-r', './tools/runtime/register-aliases.js', 'dist/out-tsc/apps/supervisor/src/main.js'],
        {
          cwd: root,
          env: { ...process.env, BUS_DRIVER: 'rabbitmq', AMQP_URL: 'http://not-amqp' },
          stdio: 'pipe',
          timeout: 20_000,
        },
      );
    } catch (error) {
      stderr =
        String((error as { stdout?: Buffer }).stdout ?? '') + String((error as { stderr?: Buffer }).stderr ?? '');
    }
    expect(stderr).toContain('AMQP_URL: AMQP_URL must be an amqp:// URL');
  });
});
