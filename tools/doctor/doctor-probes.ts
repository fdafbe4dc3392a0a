import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { dockerEndpointFromEnv, DockerEndpointError } from '@patchbay/sandbox-runtime';
import type { DoctorFacts, DoctorOptions, Probe } from './doctor-checks';

/**
 * Gathers what `npm run doctor` judges, from the real machine: the engine through the same
 * socket the sandbox service would use (DOCKER_SOCKET, else a unix:// DOCKER_HOST), a real
 * container under the sandbox runtime, real connections to PostgreSQL and RabbitMQ when they are
 * configured. Every probe has a deadline, so a hung engine makes a failed check, not a hung doctor.
 */
export interface ProbeEnvironment {
  root: string;
  env: NodeJS.ProcessEnv;
}

const ENGINE_TIMEOUT_MS = 10_000;
const RUN_TIMEOUT_MS = 60_000;

export function doctorOptionsFromEnv(root: string, env: NodeJS.ProcessEnv): DoctorOptions {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines?: { node?: string } };
  return {
    requiredNode: manifest.engines?.node ?? '>=20.19',
    runtime: env['SANDBOX_RUNTIME'] === 'runc' ? 'runc' : 'runsc',
    netRuntime: env['SANDBOX_NET_RUNTIME'] || 'runsc-net',
  };
}

/** The images build-images.sh builds: base and SANDBOX_IMAGES (default node python go). */
export function sandboxImagesFromEnv(env: NodeJS.ProcessEnv): string[] {
  const prefix = env['SANDBOX_IMAGE_PREFIX'] || 'patchbay/sandbox-';
  const names = (env['SANDBOX_IMAGES'] || 'node python go').split(/\s+/).filter(Boolean);
  return ['base', ...names].map((name) => `${prefix}${name}:latest`);
}

export async function gatherFacts({ root, env }: ProbeEnvironment, options: DoctorOptions): Promise<DoctorFacts> {
  const docker = await probeDocker(env);
  const images = docker.client && docker.info.ok ? await probeImages(docker.client, sandboxImagesFromEnv(env)) : null;
  const base = images?.[0];
  const runtimeRun =
    docker.client && docker.info.ok && base?.present && docker.info.value.runtimes.includes(options.runtime)
      ? await probeRuntimeRun(docker.client, base.image, options.runtime)
      : null;
  const [database, broker] = await Promise.all([
    env['DATABASE_URL']
      ? probePostgres(env['DATABASE_URL']).then((result) => ({
          url: withoutPassword(env['DATABASE_URL'] ?? ''),
          result,
        }))
      : null,
    env['AMQP_URL']
      ? probeRabbit(env['AMQP_URL']).then((result) => ({ url: withoutPassword(env['AMQP_URL'] ?? ''), result }))
      : null,
  ]);
  return {
    nodeVersion: process.versions.node,
    dependencies: probeDependencies(root),
    build: {
      services: existsSync(path.join(root, 'dist/out-tsc/apps/gateway/src/all-in-one.js')),
      dashboard: existsSync(path.join(root, env['WEB_DIST_DIR'] ?? 'dist/apps/web', 'index.html')),
    },
    docker: { endpoint: docker.endpoint, source: docker.source, info: docker.info },
    runtimeRun,
    images,
    git: commandVersion('git', ['--version']),
    espeakNg: onPath('espeak-ng', env),
    opusenc: onPath('opusenc', env),
    database,
    broker,
    chromium: chromiumPath(env),
  };
}

function probeDependencies(root: string): Probe {
  if (!existsSync(path.join(root, 'node_modules'))) return { ok: false, error: 'node_modules is missing' };
  // The same test `npm run setup` uses to decide whether to run npm ci.
  const result = spawnSync(process.execPath, [path.join(root, 'tools/provision/dependencies-in-step.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.status === 0) return { ok: true, value: true };
  return { ok: false, error: result.stdout.trim() || 'node_modules does not match package-lock.json' };
}

async function probeDocker(env: NodeJS.ProcessEnv): Promise<{
  endpoint: string;
  source: DoctorFacts['docker']['source'];
  client: Docker | null;
  info: DoctorFacts['docker']['info'];
}> {
  let socketPath: string;
  let source: DoctorFacts['docker']['source'];
  try {
    ({ socketPath, source } = dockerEndpointFromEnv(env));
  } catch (error) {
    if (!(error instanceof DockerEndpointError)) throw error;
    return {
      endpoint: env['DOCKER_HOST'] ?? '',
      source: 'DOCKER_HOST',
      client: null,
      info: { ok: false, error: error.message },
    };
  }
  const endpoint = `unix://${socketPath}`;
  if (!existsSync(socketPath))
    return {
      endpoint,
      source,
      client: null,
      info: { ok: false, error: 'no socket there (Docker is not installed or not running)', code: 'ENOENT' },
    };
  try {
    accessSync(socketPath, constants.R_OK | constants.W_OK);
  } catch {
    return {
      endpoint,
      source,
      client: null,
      info: { ok: false, error: 'permission denied on the socket', code: 'EACCES' },
    };
  }
  const client = new Docker({ socketPath, timeout: ENGINE_TIMEOUT_MS });
  try {
    const info = (await client.info()) as { Runtimes?: Record<string, unknown>; ServerVersion?: string };
    return {
      endpoint,
      source,
      client,
      info: {
        ok: true,
        value: { runtimes: Object.keys(info.Runtimes ?? {}), version: info.ServerVersion ?? 'unknown' },
      },
    };
  } catch (error) {
    return { endpoint, source, client, info: { ok: false, error: messageOf(error), code: codeOf(error) } };
  }
}

async function probeImages(client: Docker, images: string[]): Promise<Array<{ image: string; present: boolean }>> {
  return Promise.all(
    images.map(async (image) => {
      try {
        await client.getImage(image).inspect();
        return { image, present: true };
      } catch {
        return { image, present: false };
      }
    }),
  );
}

/** `docker run --rm --runtime=<runtime> --network=none <base image> true`, through the engine's API. */
async function probeRuntimeRun(client: Docker, image: string, runtime: string): Promise<Probe> {
  let container: Docker.Container | undefined;
  const deadline = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no exit within ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS).unref(),
  );
  try {
    container = await client.createContainer({
      Image: image,
      Cmd: ['true'],
      Labels: { 'org.patchbay.doctor': '1' },
      NetworkDisabled: true,
      HostConfig: { Runtime: runtime, NetworkMode: 'none', AutoRemove: false },
    });
    const created = container;
    const exit = await Promise.race([
      (async () => {
        await created.start();
        return (await created.wait()) as { StatusCode: number };
      })(),
      deadline,
    ]);
    if (exit.StatusCode !== 0) return { ok: false, error: `the container exited with ${exit.StatusCode}` };
    return { ok: true, value: true };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  } finally {
    await container?.remove({ force: true }).catch(() => undefined);
  }
}

async function probePostgres(url: string): Promise<Probe> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: ENGINE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true, value: true };
  } catch (error) {
    return { ok: false, error: messageOf(error), code: codeOf(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRabbit(url: string): Promise<Probe> {
  const amqp = await import('amqplib');
  try {
    const connection = await amqp.connect(url, { timeout: ENGINE_TIMEOUT_MS });
    await connection.close();
    return { ok: true, value: true };
  } catch (error) {
    return { ok: false, error: messageOf(error), code: codeOf(error) };
  }
}

function commandVersion(command: string, args: string[]): Probe<string> {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (result.error || result.status !== 0) return { ok: false, error: `${command} is not installed` };
  return { ok: true, value: result.stdout.trim() };
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  return (env['PATH'] ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, command)));
}

function chromiumPath(env: NodeJS.ProcessEnv): string | null {
  const candidates = [env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  return candidates.find(isExecutable) ?? null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
