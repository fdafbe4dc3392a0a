/**
 * Compose smoke test (issue 19): `docker compose up` with the offline images, the demo task through
 * the gateway's REST API, RabbitMQ and every agent in its own container to a pull request on the
 * local forge, then `docker compose down` and no sandbox left behind. Prints timings; exits 1 on
 * any failure. Run by hand and recorded in docs/deployment.md — too slow for the Jest suite.
 *
 * Usage: npm run compose:smoke [-- --keep]   (--keep: leave the project up for a look; `down -v`
 *        it yourself with the command printed at the end)
 * Needs: `docker compose` (tools/provision/compose-plugin.sh), the images of `npm run
 * compose:images` (or POSTGRES_IMAGE / RABBITMQ_IMAGE / PATCHBAY_VERSION pointing at others) and
 * the sandbox images with the runsc runtimes (.ci/provision/docker.sh).
 *
 * It runs its own compose project (`patchbay-smoke`) with its own env file, free host ports and
 * sandbox owner label, so an operator's `.env` and deployment are left alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DEMO_FILES, DEMO_MODEL_SCRIPT, DEMO_PROMPT, DEMO_REPOSITORY } from '@patchbay/gateway-feature';
import { eventually } from '@patchbay/testing';

const ROOT = path.resolve(__dirname, '../..');
const PROJECT = 'patchbay-smoke';
const SANDBOX_OWNER = 'sandbox-compose-smoke';
const OWNER_LABEL = `org.patchbay.sandbox.owner=${SANDBOX_OWNER}`;
const SERVICES = [
  'postgres',
  'rabbitmq',
  'gateway',
  'supervisor',
  'coding-agent',
  'testing-agent',
  'github-agent',
  'research-agent',
  'sandbox',
];
const READY_TIMEOUT_MS = 5 * 60_000;
const TASK_TIMEOUT_MS = 10 * 60_000;
/** The gateway's uid in the platform image (docker/patchbay.Dockerfile). */
const PLATFORM_UID = 10001;

const keep = process.argv.includes('--keep');
const timings: Array<[string, number]> = [];
const started = Date.now();

function log(message: string): void {
  process.stdout.write(`[compose-smoke ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

async function timed<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const at = Date.now();
  const result = await work();
  timings.push([label, Date.now() - at]);
  log(`${label}: ${((Date.now() - at) / 1000).toFixed(1)} s`);
  return result;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function docker(args: string[], options: { quiet?: boolean } = {}): string {
  return execFileSync('docker', args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', options.quiet ? 'pipe' : 'inherit'],
  });
}

/** The demo repository (a git repository the gateway imports by path) and the model's recorded turns. */
function writeDemoInputs(dir: string): void {
  const repo = path.join(dir, 'import', 'demo-invoice');
  for (const [file, content] of Object.entries(DEMO_FILES)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), content);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=Patchbay', '-c', 'user.email=patchbay@localhost', 'commit', '-qm', 'Invoice totals');
  writeFileSync(path.join(dir, 'model-script.json'), JSON.stringify(DEMO_MODEL_SCRIPT, null, 2));
  chmodSync(dir, 0o755);
  // The gateway's git (uid 10001) refuses a repository another user owns ("dubious ownership");
  // as root the copy is handed to that uid, otherwise it must already be readable as it is.
  if (process.getuid?.() === 0)
    execFileSync('chown', ['-R', `${PLATFORM_UID}:${PLATFORM_UID}`, path.join(dir, 'import')]);
}

type Json = Record<string, unknown>;

async function api(base: string, method: string, route: string, token?: string, body?: Json): Promise<Json> {
  const response = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as Json) : {};
}

function sandboxContainers(): string[] {
  return docker(['ps', '-aq', '--filter', `label=${OWNER_LABEL}`], { quiet: true })
    .split('\n')
    .filter(Boolean);
}

async function main(): Promise<void> {
  const smokeDir = mkdtempSync('/var/tmp/patchbay-compose-smoke-');
  writeDemoInputs(smokeDir);
  const [httpPort, sandboxPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  const envFile = path.join(smokeDir, 'smoke.env');
  const rabbitPassword = randomBytes(16).toString('hex');
  writeFileSync(
    envFile,
    [
      `SMOKE_DIR=${smokeDir}`,
      `SANDBOX_TOKEN=${randomBytes(24).toString('hex')}`,
      `JWT_SECRET=${randomBytes(32).toString('hex')}`,
      `POSTGRES_PASSWORD=${randomBytes(16).toString('hex')}`,
      'RABBITMQ_USER=patchbay',
      `RABBITMQ_PASSWORD=${rabbitPassword}`,
      `PATCHBAY_HTTP_PORT=${httpPort}`,
      `SANDBOX_PORT=${sandboxPort}`,
      `RABBITMQ_UI_PORT=${uiPort}`,
      `SANDBOX_INSTANCE_ID=${SANDBOX_OWNER}`,
      'FORGE_IMPORT_ROOTS=/smoke/import',
      'SCRIPTED_MODEL_FILE=/smoke/model-script.json',
      // Image choices an operator made in the shell carry over (e.g. the public images).
      ...['POSTGRES_IMAGE', 'RABBITMQ_IMAGE', 'PATCHBAY_VERSION', 'SANDBOX_RUNTIME']
        .filter((name) => process.env[name])
        .map((name) => `${name}=${process.env[name]}`),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const compose = [
    'compose',
    '--project-name',
    PROJECT,
    '--env-file',
    envFile,
    '-f',
    'docker-compose.yml',
    '-f',
    'tools/compose/smoke.compose.yml',
  ];
  const base = `http://127.0.0.1:${httpPort}`;
  const down = () => docker([...compose, 'down', '--volumes', '--remove-orphans', '--timeout', '60']);
  let failed = false;
  try {
    let composeVersion: string;
    try {
      composeVersion = docker(['compose', 'version', '--short'], { quiet: true }).trim();
    } catch {
      throw new Error('`docker compose` is not available: run bash tools/provision/compose-plugin.sh');
    }
    log(`docker compose ${composeVersion}; project ${PROJECT}`);
    const images = [
      process.env['POSTGRES_IMAGE'] ?? 'patchbay/postgres:15',
      process.env['RABBITMQ_IMAGE'] ?? 'patchbay/rabbitmq:3',
      `patchbay/platform:${process.env['PATCHBAY_VERSION'] ?? 'local'}`,
    ];
    const absent = images.filter(
      (image) => spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status !== 0,
    );
    if (absent.length > 0) throw new Error(`images not built: ${absent.join(', ')} (npm run compose:images)`);
    if (sandboxContainers().length > 0) throw new Error(`sandboxes labelled ${OWNER_LABEL} exist before the start`);
    // No --build: the images come from `npm run compose:images` (offline) or a registry.
    await timed('compose up (containers created and started)', () =>
      docker([...compose, 'up', '--detach', '--no-build', '--wait', '--wait-timeout', String(READY_TIMEOUT_MS / 1000)]),
    );
    await timed('gateway ready', () =>
      eventually(
        async () => {
          const ready = await fetch(`${base}/readyz`);
          if (!ready.ok) throw new Error(`/readyz answered ${ready.status}`);
        },
        { description: 'the gateway /readyz', timeoutMs: READY_TIMEOUT_MS, intervalMs: 1_000 },
      ),
    );
    const running = docker([...compose, 'ps', '--all', '--format', '{{.Service}} {{.State}} {{.Status}}'], {
      quiet: true,
    });
    log(`containers:\n${running.trimEnd().replace(/^/gm, '    ')}`);
    const missing = SERVICES.filter((service) => !new RegExp(`^${service} running`, 'm').test(running));
    if (missing.length > 0) throw new Error(`not running in their own containers: ${missing.join(', ')}`);
    if (!/^migrate exited Exited \(0\)/m.test(running)) throw new Error('the migrate container did not exit 0');

    // The gateway serves the dashboard from the image's dist/apps/web (WEB_DIST_DIR).
    const page = await fetch(`${base}/`);
    if (!page.ok || !(page.headers.get('content-type') ?? '').includes('text/html'))
      throw new Error(`the dashboard is not served: GET / answered ${page.status} ${page.headers.get('content-type')}`);
    const session = await api(base, 'POST', '/auth/dev-login', undefined, { login: 'compose-smoke' });
    const token = String(session['token']);
    await timed('demo repository imported', () =>
      api(base, 'POST', '/repositories', token, {
        source: 'local',
        fullName: DEMO_REPOSITORY,
        importFrom: '/smoke/import/demo-invoice',
      }),
    );
    const task = await api(base, 'POST', '/tasks', token, {
      repository: DEMO_REPOSITORY,
      prompt: DEMO_PROMPT,
      autoApprove: { plan: true, diff: true },
    });
    const taskId = String(task['id']);
    log(`task ${taskId} created`);
    const runtimes = new Set<string>();
    const status = await timed('demo task queued → completed', () =>
      eventually(
        async () => {
          for (const id of sandboxContainers())
            runtimes.add(docker(['inspect', '--format', '{{.HostConfig.Runtime}}', id], { quiet: true }).trim());
          const current = String((await api(base, 'GET', `/tasks/${taskId}`, token))['status']);
          if (current !== 'completed' && current !== 'failed') throw new Error(`the task is ${current}`);
          return current;
        },
        { description: 'the demo task to finish', timeoutMs: TASK_TIMEOUT_MS, intervalMs: 1_000 },
      ),
    );
    const events = (await api(base, 'GET', `/tasks/${taskId}/events`, token)) as unknown as Array<{
      type: string;
      at: string;
      payload: Json;
    }>;
    const changes = events.filter((e) => e.type === 'status_changed');
    log(
      `stages: ${changes.map((e, i) => `${String(e.payload['to'])}${i > 0 ? ` +${((Date.parse(e.at) - Date.parse(changes[i - 1].at)) / 1000).toFixed(1)} s` : ''}`).join(' → ')}`,
    );
    if (status !== 'completed') {
      const errors = events.filter((e) => e.type === 'error').map((e) => JSON.stringify(e.payload).slice(0, 400));
      throw new Error(`the demo task ${status}: ${errors.join('\n') || '(no error event)'}`);
    }
    const pr = await api(base, 'GET', `/tasks/${taskId}/pull-request`, token);
    const branch = String(pr['headBranch'] ?? '');
    log(
      `pull request: ${JSON.stringify({ number: pr['number'], state: pr['state'], headBranch: branch, headSha: pr['headSha'] })}`,
    );
    if (!/^patchbay\/[\w.-]+$/.test(branch))
      throw new Error(`unexpected pull request: ${JSON.stringify(pr).slice(0, 400)}`);
    // The branch is in the local forge's bare repository, at the commit the pull request names.
    const forgeSha = docker(
      [
        ...compose,
        'exec',
        '-T',
        'gateway',
        'sh',
        '-c',
        'for repo in $(find /var/lib/patchbay/forge -type d -name "*.git" -prune); do git --git-dir "$repo" rev-parse -q --verify "refs/heads/$1" || true; done',
        'sh',
        branch,
      ],
      { quiet: true },
    ).trim();
    log(`forge: refs/heads/${branch} = ${forgeSha || '(missing)'}`);
    if (forgeSha !== pr['headSha'])
      throw new Error(`the forge's ${branch} is "${forgeSha}", the pull request says ${String(pr['headSha'])}`);
    log(`sandbox runtimes seen while the task ran: ${[...runtimes].join(', ') || '(none seen)'}`);
    if (runtimes.size === 0 || [...runtimes].some((runtime) => !runtime.startsWith('runsc')))
      throw new Error(`sandboxes must run under gVisor (runsc), saw: ${[...runtimes].join(', ') || 'none'}`);
    // Every stage crossed the broker: each agent's queue delivered messages to its container.
    const queues = docker(
      [...compose, 'exec', '-T', 'rabbitmq', 'rabbitmqctl', '-q', 'list_queues', 'name', 'consumers', 'messages'],
      {
        quiet: true,
      },
    );
    log(`RabbitMQ queues (name consumers ready):\n${queues.trimEnd().replace(/^/gm, '    ')}`);
    const stats = await fetch(`http://127.0.0.1:${uiPort}/api/overview`, {
      headers: { authorization: `Basic ${Buffer.from(`patchbay:${rabbitPassword}`).toString('base64')}` },
    }).then((r) =>
      r.ok ? (r.json() as Promise<{ message_stats?: { publish?: number; deliver_get?: number } }>) : undefined,
    );
    const published = stats?.message_stats?.publish ?? 0;
    log(`RabbitMQ messages published: ${published}, delivered: ${stats?.message_stats?.deliver_get ?? 0}`);
    if (published === 0)
      throw new Error('RabbitMQ reports no published messages: the task did not go through the broker');
  } catch (error) {
    failed = true;
    log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    spawnSync('docker', [...compose, 'logs', '--no-color', '--tail', '40'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    if (keep) {
      log(`--keep: left up. Remove with: docker ${compose.join(' ')} down --volumes; rm -rf ${smokeDir}`);
    } else {
      await timed('compose down (volumes removed)', down);
      const left = sandboxContainers();
      log(`sandbox containers labelled ${OWNER_LABEL} after down: ${left.length}`);
      if (left.length > 0) {
        failed = true;
        log(`FAILED: sandboxes left behind: ${left.join(' ')}`);
      }
      rmSync(smokeDir, { recursive: true, force: true });
    }
  }
  log(
    `timings:\n${timings.map(([label, ms]) => `    ${label.padEnd(46)} ${(ms / 1000).toFixed(1).padStart(7)} s`).join('\n')}`,
  );
  log(failed ? 'FAILED' : `passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
