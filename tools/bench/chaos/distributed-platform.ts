/**
 * The platform in distributed mode, every service its own process (docs/operations.md, "Running
 * the services separately"), started from the compiled tree against a given database and broker.
 * Each service can be killed with SIGKILL and started again; settings that must outlive a restart
 * (JWT secret, master key, data directory, sandbox token and instance id, ports) are chosen once.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceProcess } from './service-process';

export const AGENT_SERVICES = [
  'supervisor',
  'coding-agent',
  'testing-agent',
  'github-agent',
  'research-agent',
] as const;
export const PLATFORM_SERVICES = ['sandbox', 'gateway', ...AGENT_SERVICES] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

export interface DistributedPlatformOptions {
  databaseUrl: string;
  amqpUrl: string;
  /** Labels this run's sandbox containers; only they are ever reaped or counted. */
  sandboxInstanceId: string;
  /** A model script file (MODEL_PROVIDER=scripted) for the supervisor and the coding agent. */
  scriptedModelFile: string;
  /** Extra settings per service, on top of the defaults below. */
  extraEnv?: Partial<Record<PlatformService, NodeJS.ProcessEnv>>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export class DistributedPlatform {
  readonly services = new Map<PlatformService, ServiceProcess>();

  private constructor(
    readonly gatewayPort: number,
    readonly dataDir: string,
  ) {}

  static async create(options: DistributedPlatformOptions): Promise<DistributedPlatform> {
    const ports = new Map<PlatformService, number>();
    for (const service of PLATFORM_SERVICES) ports.set(service, await freePort());
    const dataDir = mkdtempSync(join(tmpdir(), 'patchbay-chaos-data-'));
    const platform = new DistributedPlatform(ports.get('gateway')!, dataDir);
    const sandboxToken = randomBytes(24).toString('hex');
    // Chosen once: a restarted gateway must accept the tokens and read the keys of the one before.
    const randomSecret = randomBytes(32).toString('hex');
    const masterKey = randomBytes(32).toString('base64');
    const common: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      DOCKER_HOST: process.env['DOCKER_HOST'],
      DATABASE_URL: options.databaseUrl,
      AMQP_URL: options.amqpUrl,
      BUS_DRIVER: 'rabbitmq',
      SANDBOX_URL: `http://127.0.0.1:${ports.get('sandbox')}`,
      SANDBOX_TOKEN: sandboxToken,
      MODEL_PROVIDER: 'scripted',
      SCRIPTED_MODEL_FILE: options.scriptedModelFile,
      TTS_PROVIDER: 'off',
      LOG_FORMAT: 'json',
    };
    const envOf = (service: PlatformService): NodeJS.ProcessEnv => {
      const port = String(ports.get(service));
      const own: NodeJS.ProcessEnv =
        service === 'gateway'
          ? {
              PORT: port,
              AUTH_MODE: 'dev',
              JWT_SECRET: randomSecret,
              PATCHBAY_MASTER_KEY: masterKey,
              DATA_DIR: join(dataDir, 'gateway'),
              FORGE_IMPORT_ROOTS: tmpdir(),
              SWAGGER_ENABLED: 'false',
            }
          : service === 'sandbox'
            ? {
                SANDBOX_PORT: port,
                SANDBOX_INSTANCE_ID: options.sandboxInstanceId,
                SANDBOX_POOL_SIZE: '0',
                SANDBOX_EGRESS_PROXY_PORT: '0',
                SANDBOX_DEFAULT_MEMORY_MB: '1024',
                SANDBOX_REPO_ROOTS: tmpdir(),
                SANDBOX_WARM_ENV: 'false',
                SANDBOX_PACKAGE_CACHE: 'false',
              }
            : { HEALTH_PORT: port };
      return { ...common, ...own, ...options.extraEnv?.[service] };
    };
    for (const service of PLATFORM_SERVICES)
      platform.services.set(
        service,
        new ServiceProcess({ name: service, env: envOf(service), port: ports.get(service)! }),
      );
    return platform;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.gatewayPort}/api/v1`;
  }

  service(name: PlatformService): ServiceProcess {
    return this.services.get(name)!;
  }

  /** The sandbox service first (agents check it), then the gateway (it migrates nothing but serves the API), then the agents. */
  async startAll(): Promise<void> {
    for (const service of PLATFORM_SERVICES) await this.service(service).start();
  }

  async kill9(name: PlatformService): Promise<void> {
    await this.service(name).kill9();
  }

  async restart(name: PlatformService): Promise<void> {
    await this.service(name).kill9();
    await this.service(name).start();
  }

  async stopAll(): Promise<void> {
    for (const service of [...PLATFORM_SERVICES].reverse()) await this.service(service).stop();
  }
}
